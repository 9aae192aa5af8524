import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { securityHeaders } from "../../src/security-headers.ts";
import { site as siteData } from "../../src/site.ts";
import { KITCHEN_SINK_URL } from "../helpers/kitchen-sink.ts";
import { eventually, noProblems, useSiteInBrowser } from "../helpers/browser.ts";

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

  for (const path of ["/", SEED, SECOND, "/about/", "/subscribe/", KITCHEN_SINK_URL, "/archive/", "/tags/", "/tags/serverless/", "/search/", "/no/such/page/"]) {
    test(`no horizontal scrolling at 320 px wide: ${path}`, async () => {
      const { page, settledProblems } = await site.visit(path, { viewport: { width: 320, height: 640 }, ...(path.startsWith("/no/") ? { expectStatus: 404 } : {}) });
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(clientWidth).toBe(320);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(await settledProblems()).toEqual(noProblems);
    });
  }

  for (const width of [320, 1024, 1440]) {
    test(`the kitchen-sink post renders every writing feature at ${width} px, under the CSP, without page scroll`, async () => {
      const { page, settledProblems } = await site.visit(KITCHEN_SINK_URL, { viewport: { width, height: 900 } });
      const found = await page.evaluate(() => Object.fromEntries(
        Object.entries({ codeTitle: "figure.code-block figcaption", callout: ".callout", footnotes: ".footnotes li", math: "math", diagram: "figure.diagram svg", table: ".table-scroll table", styleAttribute: "article [style]" }).map(([name, selector]) => [name, document.querySelectorAll(selector).length]),
      ));
      expect(found).toMatchObject({ codeTitle: expect.any(Number), styleAttribute: 0 });
      for (const name of ["codeTitle", "callout", "footnotes", "math", "diagram", "table"] as const) expect(found[name], name).toBeGreaterThan(0);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      if (width === 1440) {
        // Wide enough for sidenotes: the first note sits beside the text, to the right of the paragraph that cites it.
        const [note, text] = await page.evaluate(() => [document.querySelector(".footnotes li")!.getBoundingClientRect().left, document.querySelector(".post-content p")!.getBoundingClientRect().right]);
        expect(note).toBeGreaterThanOrEqual(text!);
      }
      expect(await settledProblems()).toEqual(noProblems);
    });
  }

  test("a post → one of its tags → the tag page → its feed link → that tag's entry on /subscribe/ → the feed it shows, which a browser shows as a page", async () => {
    const { page, settledProblems } = await site.visit(SEED);
    const tag = page.locator('article a[rel="tag"]', { hasText: "serverless" });
    await Promise.all([page.waitForURL(site.url("/tags/serverless/")), tag.click()]);
    await expect(page.locator("h1").textContent()).resolves.toBe("Posts tagged serverless");
    await expect(page.locator(".post-list h2 a").allTextContents()).resolves.toContain("Embracing Serverless Architecture");

    // The visible feed link explains before it subscribes: it leads to the tag's entry on the subscribe page.
    await Promise.all([page.waitForURL(site.url("/subscribe/#tag-serverless")), page.locator("main a.feed-link").click()]);
    await expect(page.locator("h1").textContent()).resolves.toBe("Subscribe");
    const entry = page.locator("#tag-serverless");
    await eventually(() => entry.evaluate((element) => element.matches(":target"))).toBe(true);
    // Its link, named for screen readers as what it opens.
    const feedLink = entry.getByRole("link", { name: "serverless (RSS feed)", exact: true });
    await expect(feedLink.count()).resolves.toBe(1);
    // The address to copy, in full, on the site's own origin; the link next to it opens the same feed.
    const address = entry.locator("code");
    await expect(address.isVisible()).resolves.toBe(true);
    const shown = await address.innerText();
    expect(shown).toBe(`${siteData.url}/tags/serverless/feed.xml`);
    expect(await feedLink.getAttribute("href")).toBe(new URL(shown).pathname);
    expect(await settledProblems()).toEqual(noProblems);

    // Opened in the browser, the feed is styled by /feed.css into a readable page.
    await Promise.all([page.waitForURL(site.url(new URL(shown).pathname)), feedLink.click()]);
    await expectFeedShownAsPage(page, { title: "Invisible Servers: serverless", postTitle: "Embracing Serverless Architecture" });
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("search engines find the subscribe page: the sitemap lists it", async () => {
    const { page } = await site.visit("/subscribe/");
    const sitemap = await (await page.request.get(site.url("/sitemap.xml"))).text();
    const locations = await page.evaluate((xml) => [...new DOMParser().parseFromString(xml, "application/xml").querySelectorAll("url > loc")].map((loc) => loc.textContent), sitemap);
    expect(locations).toContain(`${siteData.url}/subscribe/`);
  });

  test("every feed opens in the browser without a failed request, console error or CSP violation; XML feeds as a readable page", async () => {
    const xmlFeeds = [
      { path: "/feed.xml", title: "Invisible Servers" },
      { path: "/atom.xml", title: "Invisible Servers" },
      { path: "/tags/serverless/feed.xml", title: "Invisible Servers: serverless" },
    ];
    for (const { path, title } of xmlFeeds) {
      const { page, response, settledProblems } = await site.visit(path);
      expect(response.status(), path).toBe(200);
      await expectFeedShownAsPage(page, { title, postTitle: "Embracing Serverless Architecture" });
      expect(await settledProblems(), path).toEqual(noProblems);
    }
    // A JSON Feed cannot link a stylesheet: Chromium shows its text, which must parse and cause no problem either.
    const json = await site.visit("/feed.json");
    expect(json.response.status()).toBe(200);
    expect(JSON.parse(await json.response.text()).title).toBe("Invisible Servers");
    expect(await json.settledProblems()).toEqual(noProblems);
  });

  test("/archive/ lists every post by year, newest first, and links to each", async () => {
    const { page, settledProblems } = await site.visit("/archive/");
    // The launch posts, and the kitchen-sink post the browser tests build beside them (2024).
    await expect(page.locator("main h2").allTextContents()).resolves.toEqual(["2025", "2024", "2023"]);
    // The year is the heading: each post's date under it leaves it out.
    await expect(page.locator("main li time").allTextContents()).resolves.toEqual(["June 16", "June 1", "May 20"]);
    const links = await page.locator("main li a").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
    expect(links).toEqual([SECOND, KITCHEN_SINK_URL, SEED]);
    await Promise.all([page.waitForURL(site.url(SEED)), page.locator(`main a[href="${SEED}"]`).click()]);
    expect(await settledProblems()).toEqual(noProblems);
  });

  // Search, with and without JavaScript: tests/e2e/search.test.ts.

  test("the copy button copies a code block", async () => {
    const { page, settledProblems } = await site.visit(SEED, { permissions: ["clipboard-read", "clipboard-write"] });
    const button = page.getByRole("button", { name: "Copy code block 1" });
    await button.click();
    await eventually(() => button.textContent()).toBe("Copied");
    const code = await page.locator("pre.language-python code").textContent();
    expect(code).toContain("def lambda_handler(event, context):");
    await eventually(() => page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("home opens with the site's name and tagline, visible; the footer names the author and links to subscribe instead of repeating them", async () => {
    const { page, settledProblems } = await site.visit("/");
    const h1 = page.locator("main h1");
    await expect(h1.textContent()).resolves.toBe(siteData.title);
    await expect(h1.evaluate((element) => element.getBoundingClientRect().height > 20 && getComputedStyle(element).position !== "absolute")).resolves.toBe(true);
    const tagline = page.getByText(siteData.description, { exact: true });
    await expect(tagline.count()).resolves.toBe(1);
    await expect(tagline.isVisible()).resolves.toBe(true);
    const footer = page.locator(".site-footer");
    const footerText = await footer.innerText();
    expect(footerText).not.toContain(siteData.description);
    expect(footerText).toContain(siteData.author.name);
    await expect(footer.locator('a[href="/subscribe/"]').count()).resolves.toBe(1);
    await expect(footer.locator('a[href="/about/"]').textContent()).resolves.toBe(siteData.author.name);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("tags look the same everywhere (pills), and post titles in every list are links without underline", async () => {
    const pill = async (path: string, selector: string) => {
      const { page } = await site.visit(path);
      return page.locator(selector).first().evaluate((element) => {
        const style = getComputedStyle(element);
        return { radius: style.borderTopLeftRadius, border: style.borderTopStyle, background: style.backgroundColor };
      });
    };
    const onPost = await pill(SEED, 'article a[rel="tag"]');
    expect(onPost.border).toBe("solid");
    expect(await pill("/", '.post-list a[rel="tag"]')).toEqual(onPost);
    expect(await pill("/tags/serverless/", '.post-list a[rel="tag"]')).toEqual(onPost);
    expect(await pill("/tags/", ".tag-index li")).toEqual(onPost);
    const { page: tagIndex } = await site.visit("/tags/");
    await expect(tagIndex.locator(".tag-index").evaluate((element) => getComputedStyle(element).listStyleType)).resolves.toBe("none");

    for (const [path, selector] of [["/", ".post-list h2 a"], ["/tags/serverless/", ".post-list h2 a"], ["/archive/", ".archive-list a"]] as const) {
      const { page } = await site.visit(path);
      const look = await page.locator(selector).first().evaluate((element) => ({ underline: getComputedStyle(element).textDecorationLine, weight: getComputedStyle(element).fontWeight }));
      expect(look, path).toEqual({ underline: "none", weight: "700" });
    }
  });

  test("a long post's text starts on the first screen at 1280×800: the contents are a sticky column left of it", async () => {
    const { page, settledProblems } = await site.visit(SECOND, { viewport: { width: 1280, height: 800 } });
    const nav = page.getByRole("navigation", { name: "Contents", exact: true });
    await expect(nav.count()).resolves.toBe(1);
    const boxes = () => page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect().toJSON() as DOMRect;
      return { toc: box("nav.toc"), list: box("nav.toc ol"), text: box(".post-content > p") };
    });
    const { toc, list, text } = await boxes();
    expect(text.top).toBeLessThan(800 - 60);
    expect(list.height).toBeGreaterThan(50);
    expect(toc.left).toBeGreaterThanOrEqual(0);
    expect(toc.right).toBeLessThanOrEqual(text.left);
    // Beside the first paragraph, not above it.
    expect(Math.abs(toc.top - text.top)).toBeLessThan(40);
    // Still in view far down the post.
    await page.evaluate(() => window.scrollTo(0, 2500));
    const later = await boxes();
    expect(later.toc.top).toBeGreaterThanOrEqual(0);
    expect(later.toc.bottom).toBeLessThanOrEqual(800);
    // Its links work.
    const link = nav.getByRole("link").nth(1);
    const target = await link.getAttribute("href");
    await link.click();
    await eventually(() => page.evaluate(() => location.hash)).toBe(target);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("at 1440 px the contents (left) and the sidenotes (right) sit on either side of the text without overlapping it or leaving the screen", async () => {
    const { page, settledProblems } = await site.visit(KITCHEN_SINK_URL, { viewport: { width: 1440, height: 900 } });
    const { toc, text, notes } = await page.evaluate(() => {
      const box = (element: Element) => element.getBoundingClientRect().toJSON() as DOMRect;
      return { toc: box(document.querySelector("nav.toc")!), text: box(document.querySelector(".post-content")!), notes: [...document.querySelectorAll(".footnotes li")].map(box) };
    });
    expect(toc.left).toBeGreaterThanOrEqual(0);
    expect(toc.right).toBeLessThanOrEqual(text.left);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      expect(note.left).toBeGreaterThanOrEqual(text.right);
      expect(note.right).toBeLessThanOrEqual(1440);
    }
    expect(await settledProblems()).toEqual(noProblems);
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`on a phone the contents are folded above the text, which starts on the first screen, and open with a tap (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const { page, settledProblems } = await site.visit(SECOND, { viewport: { width: 390, height: 844 }, javaScriptEnabled, hasTouch: true });
      const details = page.locator("nav.toc details");
      await expect(details.evaluate((element) => (element as HTMLDetailsElement).open)).resolves.toBe(false);
      await expect(page.locator("nav.toc ol").isVisible()).resolves.toBe(false);
      const textTop = await page.locator(".post-content > p").first().evaluate((element) => element.getBoundingClientRect().top);
      expect(textTop).toBeLessThan(844 - 60);
      await page.locator("nav.toc summary").tap();
      await page.locator("nav.toc ol").waitFor({ state: "visible" });
      expect(await settledProblems()).toEqual(noProblems);
    });
  }
});

/**
 * An RSS or Atom feed as Chromium renders it with public/feed.css, read through the DOM of the
 * XML document: the notice (a `::before` on the root), the feed's title and a post's title
 * visible, the posts' full content hidden. Not Chromium's XML tree viewer, whose inline styles
 * the CSP would block.
 */
async function expectFeedShownAsPage(page: Page, expected: { title: string; postTitle: string }): Promise<void> {
  const shown = await page.evaluate(() => {
    const isShown = (element: Element | null | undefined) => {
      if (!element) return false;
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility === "visible";
    };
    const root = document.documentElement;
    const title = root.querySelector(":root > channel > title, :root > title");
    const posts = [...root.querySelectorAll(":root > channel > item, :root > entry")];
    return {
      root: root.localName,
      stylesheets: [...document.styleSheets].map((sheet) => new URL(sheet.href ?? "inline", location.href).pathname),
      notice: getComputedStyle(root, "::before").content,
      title: isShown(title) ? title!.textContent : null,
      postTitles: posts.filter((post) => isShown(post.querySelector(":scope > title"))).map((post) => post.querySelector(":scope > title")!.textContent),
      datesShown: posts.every((post) => isShown(post.querySelector(":scope > pubDate, :scope > published"))),
      contentShown: posts.some((post) => isShown(post.querySelector(":scope > description, :scope > content, :scope > summary"))),
    };
  });
  expect(["rss", "feed"]).toContain(shown.root);
  expect(shown.stylesheets).toEqual(["/feed.css"]);
  expect(shown.notice).toContain("This is a feed: copy its address into your feed reader");
  expect(shown.title).toBe(expected.title);
  expect(shown.postTitles).toContain(expected.postTitle);
  expect(shown.datesShown).toBe(true);
  expect(shown.contentShown).toBe(false);
}
