import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page, Route } from "playwright-core";
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
    await writeFile(join(root, "plain.html"), `<!doctype html><html lang="en"><head><title>plain</title></head><body><p>x</p></body></html>`);
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

  /** Adds an image to the page whose request the test answers itself: `held` resolves once the browser has asked for it. */
  async function imageRequest(page: Page, name: string): Promise<Route> {
    let routed!: (route: Route) => void;
    const held = new Promise<Route>((resolve) => { routed = resolve; });
    await page.route(`**/${name}`, (route) => routed(route));
    await page.evaluate((src) => { const image = new Image(); image.src = src; document.body.append(image); }, `/${name}`);
    return held;
  }

  test("a request the page still had in flight when it reloaded is not a failure: the reload cancelled it", async () => {
    const { page, settledProblems } = await site.visit("/plain.html");
    const route = await imageRequest(page, "held.png");
    const aborted = page.waitForEvent("requestfailed", (request) => request.url().endsWith("/held.png"));
    await page.reload();
    expect((await aborted).failure()?.errorText).toBe("net::ERR_ABORTED");
    await route.fulfill({ status: 200, body: "" }).catch(() => undefined);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("on a page that stays, an aborted request and a network error are failures", async () => {
    const { page, settledProblems } = await site.visit("/plain.html");
    await (await imageRequest(page, "aborted.png")).abort("aborted");
    await (await imageRequest(page, "refused.png")).abort("connectionrefused");
    expect((await settledProblems()).failedRequests.sort()).toEqual([
      `${site.url("/aborted.png")}: net::ERR_ABORTED`,
      `${site.url("/refused.png")}: net::ERR_CONNECTION_REFUSED`,
    ]);
  });
});
