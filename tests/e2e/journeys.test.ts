import { describe, expect, test } from "vitest";
import { securityHeaders } from "../../src/security-headers.ts";
import { noProblems, useSiteInBrowser } from "../helpers/browser.ts";

const SEED = "/posts/embracing-serverless-architecture/";
const SECOND = "/posts/serverless-architecture-invisible-hands/";

describe("a reader walking the built site in Chromium", () => {
  const site = useSiteInBrowser();

  test("home → the first post in the list, by clicking its link", async () => {
    const { page, response, settledProblems } = await site.visit("/");
    expect(response.status()).toBe(200);
    const first = page.locator("main .post-list a").first();
    const [title, href] = [await first.textContent(), await first.getAttribute("href")];
    expect(href).toMatch(/^\/posts\//);
    await Promise.all([page.waitForURL(site.url(href!)), first.click()]);
    await expect(page.locator("h1").textContent()).resolves.toBe(title);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("every page is served with the production security headers", async () => {
    const { response } = await site.visit(SEED);
    const headers = response.headers();
    for (const [name, value] of Object.entries(securityHeaders)) expect(headers[name.toLowerCase()]).toBe(value);
  });

  test("a post reads fully with JavaScript disabled: title, text and highlighted code", async () => {
    const { page, settledProblems } = await site.visit(SEED, { javaScriptEnabled: false });
    await expect(page.locator("h1").isVisible()).resolves.toBe(true);
    await expect(page.locator("h1").textContent()).resolves.toBe("Embracing Serverless Architecture");
    const body = page.locator("article .post-content");
    expect((await body.innerText()).length).toBeGreaterThan(500);
    const code = page.locator("pre.language-python code");
    await expect(code.isVisible()).resolves.toBe(true);
    expect(await code.innerText()).toContain("def lambda_handler");
    // Prism's colours come from the stylesheet, which loaded: a keyword is not the plain text colour.
    const [keyword, plain] = await code.evaluate((element) => [getComputedStyle(element.querySelector(".token.keyword")!).color, getComputedStyle(element).color]);
    expect(keyword).not.toBe(plain);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("an unknown URL answers 404 with the site's own 404 page", async () => {
    const { page, response, settledProblems } = await site.visit("/no/such/page/", { expectStatus: 404 });
    expect(response.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("Page not found");
    // The page's stylesheet and links work from any depth.
    await expect(page.locator("header .site-title").evaluate((element) => getComputedStyle(element).fontWeight)).resolves.not.toBe("400");
    expect(await settledProblems()).toEqual(noProblems);
  });

  for (const path of ["/", SEED, SECOND, "/about/"]) {
    test(`no horizontal scrolling at 320 px wide: ${path}`, async () => {
      const { page, settledProblems } = await site.visit(path, { viewport: { width: 320, height: 640 } });
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(clientWidth).toBe(320);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(await settledProblems()).toEqual(noProblems);
    });
  }

  test("a post → one of its tags → the tag page → its feed, which a browser shows as a page", async () => {
    const { page, settledProblems } = await site.visit(SEED);
    const tag = page.locator('article a[rel="tag"]', { hasText: "serverless" });
    await Promise.all([page.waitForURL(site.url("/tags/serverless/")), tag.click()]);
    await expect(page.locator("h1").textContent()).resolves.toBe("Posts tagged serverless");
    await expect(page.locator(".post-list h2 a").allTextContents()).resolves.toContain("Embracing Serverless Architecture");
    const feedLink = page.locator("main a.feed-link");
    const feedHref = await feedLink.getAttribute("href");
    expect(feedHref).toBe("/tags/serverless/feed.xml");
    const feed = await page.request.get(site.url(feedHref!));
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toMatch(/xml/);
    expect(await settledProblems()).toEqual(noProblems);

    // Opened in the browser, the feed is transformed by /feed.xsl into a readable page.
    const opened = await site.visit(feedHref!);
    await expect(opened.page.locator("h1").innerText()).resolves.toBe("Invisible Servers: serverless");
    await expect(opened.page.locator(".post-list h2 a").allTextContents()).resolves.toContain("Embracing Serverless Architecture");
    expect(await opened.settledProblems()).toEqual(noProblems);
  });

  test("every feed opens in the browser without a failed request", async () => {
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json"]) {
      const { response, settledProblems } = await site.visit(path);
      expect(response.status(), path).toBe(200);
      expect(await settledProblems(), path).toEqual(noProblems);
    }
  });

  test("/archive/ lists every post by year, newest first, and links to each", async () => {
    const { page, settledProblems } = await site.visit("/archive/");
    await expect(page.locator("main h2").allTextContents()).resolves.toEqual(["2025", "2023"]);
    const links = await page.locator("main li a").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
    expect(links).toEqual([SECOND, SEED]);
    await Promise.all([page.waitForURL(site.url(SEED)), page.locator(`main a[href="${SEED}"]`).click()]);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("/search/: a query finds the seed post, with Pagefind's WebAssembly running under the CSP", async () => {
    const { page, settledProblems } = await site.visit("/search/");
    const input = page.getByRole("searchbox").or(page.locator("#search input")).first();
    await input.fill("lambda handler");
    const result = page.locator(".pagefind-ui__result-link", { hasText: "Embracing Serverless Architecture" });
    await expect(result.first().waitFor({ timeout: 15_000 })).resolves.toBeUndefined();
    expect(await result.first().getAttribute("href")).toBe(SEED);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("/search/ without JavaScript explains itself and links to the archive", async () => {
    const { page, settledProblems } = await site.visit("/search/", { javaScriptEnabled: false });
    await expect(page.locator('#search a[href="/archive/"]').isVisible()).resolves.toBe(true);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("the copy button copies a code block", async () => {
    const { page, settledProblems } = await site.visit(SEED, { permissions: ["clipboard-read", "clipboard-write"] });
    const button = page.getByRole("button", { name: "Copy code block 1" });
    await button.click();
    await expect.poll(() => button.textContent()).toBe("Copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.locator("pre.language-python code").textContent());
    expect(copied).toContain("def lambda_handler(event, context):");
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("the theme toggle starts from the OS preference, switches, and survives a reload", async () => {
    const { page, settledProblems } = await site.visit("/", { colorScheme: "dark" });
    const toggle = page.locator("button.theme-toggle");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("true");
    const darkBackground = await background();
    await toggle.click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe("light");
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("false");
    const lightBackground = await background();
    expect(lightBackground).not.toBe(darkBackground);
    await page.reload();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe("light");
    await expect(background()).resolves.toBe(lightBackground);
    await expect(page.locator("button.theme-toggle").getAttribute("aria-pressed")).resolves.toBe("false");
    expect(await settledProblems()).toEqual(noProblems);
  });
});
