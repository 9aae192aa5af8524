import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildSite, post, type BuiltSite } from "../helpers/site.ts";

/**
 * Issue 18, point 6: every text the blog derives from a post's HTML is what a reader sees of
 * it. A post opening with a callout, with a formula and a footnote in its first paragraph and
 * in its headings, built with the real configuration; home page, head and TOC parsed with linkedom.
 */
const BODY = [
  "> [!NOTE]",
  "> This post was updated.",
  "",
  "Energy $E = mc^2$ is conserved[^1] &mdash; *mostly* in `physics`.",
  "",
  "## Why $E = mc^2$ matters",
  "",
  "Text.",
  "",
  "## Footnoted[^2] heading with ![a tiny icon](/favicon.svg)",
  "",
  "Text.",
  "",
  "### Plain &amp; $\\frac{1}{2}$ simple",
  "",
  "Text.",
  "",
  "[^1]: First note.",
  "[^2]: Second note.",
].join("\n");

const SUMMARY = "Energy E=mc² is conserved — mostly in physics.";
const HEADINGS = ["Why E=mc² matters", "Footnoted heading with a tiny icon", "Plain & 1/2 simple"];

let site: BuiltSite;

beforeAll(async () => {
  site = await buildSite({ posts: { "energy.md": post("title: On energy\ndate: 2024-05-01\ntags: physics", BODY) } });
});

afterAll(() => site?.cleanup());

describe("a post opening with a callout and a formula", () => {
  test("its home page summary is its first paragraph as read: no callout title, no TeX, no footnote number", async () => {
    const home = await site.page("index.html");
    const item = [...home.querySelectorAll(".post-list article")].find((article) => article.querySelector("h2")?.textContent === "On energy");
    const summary = [...(item?.querySelectorAll("p") ?? [])].find((p) => !p.classList.contains("post-meta") && !p.classList.contains("visually-hidden"));
    expect(summary?.textContent).toBe(SUMMARY);
  });

  test("its meta description, og:description and twitter:description say the same", async () => {
    const page = await site.page("posts/energy/index.html");
    for (const selector of ['meta[name="description"]', 'meta[property="og:description"]', 'meta[name="twitter:description"]']) {
      expect(page.querySelector(selector)?.getAttribute("content"), selector).toBe(SUMMARY);
    }
  });

  test("its table of contents and section links name each heading as the page shows it", async () => {
    const page = await site.page("posts/energy/index.html");
    expect([...page.querySelectorAll("nav.toc li a")].map((a) => a.textContent)).toEqual(HEADINGS);
    const names = [...page.querySelectorAll(".post-content .heading-anchor")].map((anchor) => anchor.querySelector(".visually-hidden")?.textContent);
    expect(names).toEqual(HEADINGS.map((heading) => `Link to section: ${heading}`));
    // Each TOC link lands on the heading it names.
    for (const link of page.querySelectorAll("nav.toc li a")) {
      const id = decodeURIComponent(link.getAttribute("href")!.slice(1));
      expect(page.getElementById(id)?.localName).toMatch(/^h[23]$/);
    }
  });
});
