import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { CONDITION_TIMEOUT, eventually, noProblems, useSiteInBrowser } from "../helpers/browser.ts";

const SEED = "/posts/embracing-serverless-architecture/";
const SECOND = "/posts/serverless-architecture-invisible-hands/";
const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");


/** The search field, by its role and accessible name, whichever UI drew it. */
const searchField = (page: Page) => page.getByRole("searchbox", { name: "Search the posts" });

/** The results list Pagefind's component UI draws, and each result's title link in it. */
const resultLinks = (page: Page) => page.getByRole("list", { name: "Search results" }).locator(".pf-result-link");

async function shownResults(page: Page): Promise<Array<{ title: string; href: string }>> {
  // Pagefind loads its index and WebAssembly on the first search: slow on a busy machine.
  await resultLinks(page).first().waitFor({ timeout: CONDITION_TIMEOUT });
  // It draws a placeholder per result, then fills each as its fragment loads: read the list once all are filled.
  await eventually(() => page.locator(".pf-results > [aria-hidden]").count()).toBe(0);
  return resultLinks(page).evaluateAll((links) => links.map((link) => ({ title: link.textContent!.trim(), href: link.getAttribute("href")! })));
}

const queryInAddress = (page: Page) => new URL(page.url()).searchParams.get("q");

/** WCAG 2 contrast ratio of two computed colours (`rgb(r, g, b)`), https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio. */
function contrastRatio(foreground: string, background: string): number {
  const luminance = (color: string) => {
    const channels = color.match(/^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/);
    if (!channels) throw new Error(`Not a computed colour: ${color}`);
    if (channels[4] !== undefined && Number(channels[4]) < 1) throw new Error(`Translucent colour, contrast depends on what is behind: ${color}`);
    const [r, g, b] = channels.slice(1, 4).map((channel) => {
      const value = Number(channel) / 255;
      return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe("search on /search/, with Pagefind's component UI under the strict CSP", () => {
  const site = useSiteInBrowser();

  test("/search/?q=serverless searches on arrival: the query is in the field, results link to real posts", async () => {
    const { page, settledProblems } = await site.visit("/search/?q=serverless");
    const results = await shownResults(page);
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.map((result) => result.href)).toEqual(expect.arrayContaining([SEED, SECOND]));
    await expect(searchField(page).inputValue()).resolves.toBe("serverless");
    await expect(page.locator("pagefind-summary").textContent()).resolves.toBe(`${results.length} results for serverless`);
    // Each result is a real post: its page answers, with the result's title as its heading.
    for (const { title, href } of results) {
      const response = await page.request.get(site.url(href));
      expect(response.status(), href).toBe(200);
      const heading = await page.evaluate((html) => new DOMParser().parseFromString(html, "text/html").querySelector("article h1")?.textContent, await response.text());
      expect(heading, href).toBe(title);
    }
    // The explanation for readers without JavaScript is gone once search works.
    await expect(page.getByText("needs JavaScript").count()).resolves.toBe(0);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("typing a new query updates the results and the address's ?q=, announces them politely; the keyboard reaches and clears them", async () => {
    const { page, settledProblems } = await site.visit("/search/?q=serverless");
    await shownResults(page);
    // Every text Pagefind's live regions speak, from now on.
    await page.evaluate(() => {
      const spoken: Array<{ politeness: string | null; text: string }> = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      new MutationObserver((records) => {
        for (const record of records) {
          const region = record.target instanceof Element ? record.target : record.target.parentElement;
          const text = region?.textContent?.trim();
          if (text) spoken.push({ politeness: region!.getAttribute("aria-live"), text });
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    const field = searchField(page);
    await field.fill("lambda handler");
    await eventually(() => queryInAddress(page)).toBe("lambda handler");
    await eventually(() => resultLinks(page).allTextContents().then((titles) => titles.map((title) => title.trim()))).toEqual(["Embracing Serverless Architecture"]);
    await expect(resultLinks(page).first().getAttribute("href")).resolves.toBe(SEED);
    await eventually(() => page.evaluate(() => (window as unknown as { spoken: Array<{ politeness: string | null; text: string }> }).spoken)).toContainEqual({ politeness: "polite", text: "1 result for lambda handler" });
    expect(new URL(page.url()).pathname).toBe("/search/");

    // ↓ from the field to the first result; Escape in the field clears the search, and the address.
    await field.press("ArrowDown");
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(SEED);
    await field.press("Escape");
    await eventually(() => field.inputValue()).toBe("");
    await eventually(() => queryInAddress(page)).toBeNull();
    await eventually(() => resultLinks(page).count()).toBe(0);
    expect(await settledProblems()).toEqual(noProblems);
  });

  for (const scheme of [
    { name: "dark, from the OS", colorScheme: "dark" as const },
    { name: "dark, chosen on a light OS (data-theme)", colorScheme: "light" as const, theme: "dark" },
    { name: "light", colorScheme: "light" as const },
  ]) {
    test(`the words found are highlighted readably: ${scheme.name}, contrast ≥ 4.5:1`, async () => {
      const { page, settledProblems } = await site.visit("/search/?q=serverless", { colorScheme: scheme.colorScheme });
      if (scheme.theme) await page.evaluate((theme) => { document.documentElement.dataset.theme = theme; }, scheme.theme);
      await shownResults(page);
      const colours = await page.locator(".pf-result-excerpt mark").first().evaluate((mark) => ({
        text: getComputedStyle(mark).color,
        highlight: getComputedStyle(mark).backgroundColor,
        page: getComputedStyle(document.body).backgroundColor,
        pageText: getComputedStyle(document.body).color,
      }));
      expect(colours.pageText).toBe(colours.text);
      expect(contrastRatio(colours.text, colours.highlight)).toBeGreaterThanOrEqual(4.5);
      // A highlight, not the page's own background.
      expect(colours.highlight).not.toBe(colours.page);
      if (scheme.colorScheme === "dark" || scheme.theme === "dark") expect(contrastRatio(colours.pageText, colours.page)).toBeGreaterThan(7);
      expect(await settledProblems()).toEqual(noProblems);
    });
  }

  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    test(`results use the site's type and link colours at ${viewport.width} px: snippets at the body text size`, async () => {
      const { page, settledProblems } = await site.visit("/search/?q=serverless", { viewport });
      await shownResults(page);
      const styles = await page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
        // An unvisited link in the page's text, for the link colour.
        const probe = document.createElement("a");
        probe.href = "/never-visited/";
        probe.textContent = "probe";
        document.querySelector("main p, main")!.append(probe);
        const link = getComputedStyle(probe).color;
        probe.remove();
        return {
          body: { fontSize: style("body").fontSize, fontFamily: style("body").fontFamily },
          excerpt: { fontSize: style(".pf-result-excerpt").fontSize, fontFamily: style(".pf-result-excerpt").fontFamily },
          subExcerpt: style(".pf-heading-excerpt").fontSize,
          field: style(".pf-input").fontFamily,
          link,
          resultLink: style(".pf-result-link").color,
        };
      });
      expect(styles.excerpt).toEqual(styles.body);
      expect(styles.subExcerpt).toBe(styles.body.fontSize);
      expect(styles.field).toBe(styles.body.fontFamily);
      expect(styles.resultLink).toBe(styles.link);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      // A result's title looks like a post's title in the home page's list.
      const titleLook = (element: Element) => {
        const style = getComputedStyle(element);
        return { fontSize: style.fontSize, fontWeight: style.fontWeight, underline: style.textDecorationLine };
      };
      const result = await resultLinks(page).first().evaluate(titleLook);
      const home = await site.visit("/", { viewport });
      await expect(home.page.locator(".post-list h2 a").first().evaluate(titleLook)).resolves.toEqual(result);
      expect(await settledProblems()).toEqual(noProblems);
    });
  }

  for (const colorScheme of ["light", "dark"] as const) {
    test(`axe-core finds no violation once results are shown, ${colorScheme} scheme`, async () => {
      const { page, settledProblems } = await site.visit("/search/?q=serverless", { colorScheme });
      await shownResults(page);
      // Through the DevTools protocol, which the page's CSP does not govern (as in accessibility.test.ts).
      await page.evaluate(axeSource);
      const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
      expect(results.violations.map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(" ")) }))).toEqual([]);
      expect(results.passes.length).toBeGreaterThan(10);
      expect(await settledProblems()).toEqual(noProblems);
    });
  }

  test("without JavaScript: a plain GET form to /search/?q=, the explanation, and links to the archive and tags", async () => {
    const { page, settledProblems } = await site.visit("/search/", { javaScriptEnabled: false });
    const form = page.locator("#search form");
    await expect(form.evaluate((element: HTMLFormElement) => ({ method: element.method, action: new URL(element.action).pathname }))).resolves.toEqual({ method: "get", action: "/search/" });
    await expect(page.locator("#search").getByText("needs JavaScript").isVisible()).resolves.toBe(true);
    await expect(page.locator('#search a[href="/archive/"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('#search a[href="/tags/"]').isVisible()).resolves.toBe(true);
    const field = searchField(page);
    await expect(field.getAttribute("name")).resolves.toBe("q");
    await field.fill("cold starts");
    await Promise.all([page.waitForURL((url) => url.pathname === "/search/" && url.searchParams.get("q") === "cold starts"), page.getByRole("button", { name: "Search" }).click()]);
    await expect(page.locator("#search").getByText("needs JavaScript").isVisible()).resolves.toBe(true);
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("words typed into the plain form before the scripts ran are searched, and the field keeps focus", async () => {
    const context = await site.browser().newContext();
    const page = await context.newPage();
    const problems = site.watch(page);
    // Hold Pagefind's script back until the reader has typed into the page's own form.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route("**/pagefind/pagefind-component-ui.js", async (route) => { await held; await route.continue(); });
    // Not "domcontentloaded": that waits for the deferred scripts, held here.
    await page.goto(site.url("/search/"), { waitUntil: "commit" });
    await page.locator("#search-query").fill("lambda");
    await page.locator("#search-query").focus();
    release();
    const results = await shownResults(page);
    expect(results.map((result) => result.href)).toContain(SEED);
    await eventually(() => searchField(page).inputValue()).toBe("lambda");
    await eventually(() => page.evaluate(() => document.activeElement?.classList.contains("pf-input"))).toBe(true);
    await eventually(() => queryInAddress(page)).toBe("lambda");
    expect(problems).toBe(await site.settledProblems(page));
    expect(problems).toEqual(noProblems);
    await context.close();
  });
});
