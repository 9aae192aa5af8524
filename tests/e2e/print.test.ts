import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { KITCHEN_SINK_URL } from "../helpers/kitchen-sink.ts";
import { eventually, noProblems, useSiteInBrowser } from "../helpers/browser.ts";

const LINKS_POST = "/posts/serverless-architecture-invisible-hands/";

/** WCAG relative luminance of a computed `rgb()`/`rgba()` colour. https://www.w3.org/TR/WCAG21/#dfn-relative-luminance */
function luminance(color: string): number {
  const [r, g, b] = color.match(/[\d.]+/g)!.slice(0, 3).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

/** Text colour and the background it is printed on (the nearest ancestor with one, else the page's white). */
async function printedColours(page: Page, selector: string): Promise<{ color: string; background: string }> {
  return page.locator(selector).first().evaluate((element) => {
    let background = "rgb(255, 255, 255)";
    for (let node: Element | null = element; node; node = node.parentElement) {
      const value = getComputedStyle(node).backgroundColor;
      if (value !== "rgba(0, 0, 0, 0)" && value !== "transparent") { background = value; break; }
    }
    return { color: getComputedStyle(element).color, background };
  });
}

describe("a post printed on paper", () => {
  const site = useSiteInBrowser();

  for (const how of ["a dark system scheme", "the dark theme chosen with the switch"] as const) {
    test(`is dark on white under ${how}: body text, title, code and the site's name`, async () => {
      const { page, settledProblems } = await site.visit(KITCHEN_SINK_URL, { colorScheme: how === "a dark system scheme" ? "dark" : "light" });
      if (how !== "a dark system scheme") {
        await page.getByRole("button", { name: "Dark", exact: true }).click();
        await eventually(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
      }
      // The screen is dark first, so the print rules below are what makes it light.
      await eventually(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(18, 21, 28)");
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      await eventually(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
      for (const selector of ["body", ".post-content p", "h1", "pre code", "pre .token.keyword", "pre .token.comment", ".site-title", ".callout-title", ".post-content a"]) {
        const { color, background } = await printedColours(page, selector);
        expect(luminance(background), `${selector} background ${background}`).toBeGreaterThan(0.85);
        expect(luminance(color), `${selector} colour ${color}`).toBeLessThan(0.05);
        expect(contrast(color, background), selector).toBeGreaterThan(7);
      }
      expect(await settledProblems()).toEqual(noProblems);
    });
  }

  test("a link in the text is followed by its address; #anchors (footnotes, heading anchors) are not", async () => {
    const { page, settledProblems } = await site.visit(LINKS_POST);
    await page.emulateMedia({ media: "print" });
    const after = (selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element, "::after").content);
    const external = page.locator('.post-content a[href^="https://www.datadoghq.com/"]');
    const href = await external.getAttribute("href");
    await expect(external.evaluate((element) => getComputedStyle(element, "::after").content)).resolves.toBe(`" (${href})"`);
    await expect(after(".post-content .heading-anchor")).resolves.toBe("none");
    // On screen, no address.
    await page.emulateMedia({ media: "screen" });
    await expect(external.evaluate((element) => getComputedStyle(element, "::after").content)).resolves.toBe("none");
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("footnote references print without an address", async () => {
    const { page } = await site.visit(KITCHEN_SINK_URL);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".footnote-ref a").first().evaluate((element) => getComputedStyle(element, "::after").content)).resolves.toBe("none");
  });

  test("headings stay with what follows; navigation, the theme switch, copy buttons and the contents are left out", async () => {
    const { page, settledProblems } = await site.visit(KITCHEN_SINK_URL, { permissions: ["clipboard-read", "clipboard-write"] });
    await expect(page.locator(".copy-button").count()).resolves.toBeGreaterThan(0);
    await page.emulateMedia({ media: "print" });
    const breaks = await page.evaluate(() => [...document.querySelectorAll("article h1, article h2, article h3")].map((heading) => getComputedStyle(heading).breakAfter));
    expect(breaks.length).toBeGreaterThan(3);
    expect(new Set(breaks)).toEqual(new Set(["avoid"]));
    for (const selector of [".site-header nav", ".theme-switch", ".copy-button", ".toc", ".site-footer", ".post-nav"]) {
      const shown = await page.locator(selector).evaluateAll((elements) => elements.some((element) => element.getBoundingClientRect().height > 0));
      expect(shown, selector).toBe(false);
    }
    await expect(page.locator(".site-title").isVisible()).resolves.toBe(true);
    expect(await settledProblems()).toEqual(noProblems);
  });
});
