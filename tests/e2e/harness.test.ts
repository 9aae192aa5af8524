import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { noProblems, useSiteInBrowser } from "../helpers/browser.ts";

/**
 * The harness itself: a page that breaks the policy must be caught, or the
 * "no CSP violations" assertions above would prove nothing.
 */
describe("the browser harness catches what it claims to", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "blog-harness-"));
    await writeFile(join(root, "index.html"), `<!doctype html><html lang="en"><head><title>t</title><style>p{color:red}</style></head><body><p>x</p><script>document.title = "ran"</script><img src="/missing.png" alt=""></body></html>`);
    await writeFile(join(root, "404.html"), "<!doctype html><title>404</title>");
    // An XML document without a stylesheet: Chromium shows it in its XML tree viewer, whose inline styles the CSP blocks.
    await writeFile(join(root, "bare.xml"), `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title></channel></rss>`);
    // The same with a same-origin CSS stylesheet, as our feeds link public/feed.css: no viewer, nothing blocked.
    await writeFile(join(root, "styled.xml"), `<?xml version="1.0" encoding="utf-8"?><?xml-stylesheet href="/feed.css" type="text/css"?><rss version="2.0"><channel><title>t</title></channel></rss>`);
    await writeFile(join(root, "feed.css"), "rss { display: block; }");
  });
  afterAll(() => rm(root, { recursive: true, force: true }));
  const site = useSiteInBrowser({ get root() { return root; } });

  test("an inline script and an inline style are blocked and reported, a missing image is a failed request", async () => {
    const visit = await site.visit("/");
    expect(await visit.page.title()).toBe("t");
    const problems = await visit.settledProblems();
    expect(problems.cspViolations.some((text) => text.startsWith("script-src"))).toBe(true);
    expect(problems.cspViolations.some((text) => text.startsWith("style-src"))).toBe(true);
    expect(problems.failedRequests).toEqual([`${site.url("/missing.png")}: HTTP 404`]);
  });

  test("an XML feed without a stylesheet is caught: the browser's own XML viewer breaks the CSP; with a CSS stylesheet it does not", async () => {
    const bare = await site.visit("/bare.xml");
    expect(bare.response.status()).toBe(200);
    const problems = await bare.settledProblems();
    expect(problems.cspViolations.some((text) => text.startsWith("style-src"))).toBe(true);
    const styled = await site.visit("/styled.xml");
    expect(await styled.settledProblems()).toEqual(noProblems);
  });
});
