import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useSiteInBrowser } from "../helpers/browser.ts";

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
});
