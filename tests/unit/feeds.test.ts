import { expect, test } from "vitest";
import { stripHeadingAnchors, toFeedUpdated, toJsonFeed } from "../../src/feeds.ts";
import { parseHTML } from "linkedom";
import { createMarkdown } from "../../src/markdown.ts";
import { site } from "../../src/site.ts";
import { toAbsoluteUrl } from "../../src/routes.ts";

test("toAbsoluteUrl joins the site URL, the path prefix and the path", () => {
  expect(toAbsoluteUrl("/posts/a/", "https://example.com")).toBe("https://example.com/posts/a/");
  expect(toAbsoluteUrl("/posts/a/", "https://example.com/", "/blog/")).toBe("https://example.com/blog/posts/a/");
  expect(toAbsoluteUrl("/tags/日本語/", "https://example.com")).toBe("https://example.com/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/");
  expect(toAbsoluteUrl("https://elsewhere.org/x", "https://example.com")).toBe("https://elsewhere.org/x");
});

test("toJsonFeed keeps hostile titles as data", () => {
  const title = `<script>alert(1)</script> & Tom's "quotes"`;
  const json = toJsonFeed(
    [{ url: "https://example.com/p/", title, contentHtml: "<p>x</p>", date: new Date(Date.UTC(2024, 0, 2)), tags: ["a"] }],
    { title: "T", homePageUrl: "https://example.com/", feedUrl: "https://example.com/feed.json" },
    site,
  );
  const feed = JSON.parse(json);
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(feed.items[0].title).toBe(title);
  expect(feed.items[0].date_published).toBe("2024-01-02T00:00:00.000Z");
});

test("stripHeadingAnchors keeps every heading and its text, without the section links or their wrapper", () => {
  const html = createMarkdown().render("Intro text.\n\n## Deep & dark\n\nBody.\n\n### Tom's `code`\n\nMore.");
  const doc = parseHTML(`<!doctype html><body>${stripHeadingAnchors(html)}</body>`).document;
  expect([...doc.querySelectorAll("h2, h3")].map((h) => [h.tagName, h.textContent])).toEqual([
    ["H2", "Deep & dark"],
    ["H3", "Tom's code"],
  ]);
  expect(doc.querySelectorAll(".heading-anchor, .heading-wrapper")).toHaveLength(0);
  expect([...doc.querySelectorAll("p")].map((p) => p.textContent)).toEqual(["Intro text.", "Body.", "More."]);
});

test("stripHeadingAnchors leaves an author's own heading-wrapper div without our link alone", () => {
  const html = `<div class="heading-wrapper">\n<p>Mine</p>\n</div>\n`;
  expect(stripHeadingAnchors(html)).toBe(html);
});

test("toFeedUpdated is the newest last modified (`updated ?? date`) of the entries (RFC 4287 §4.2.15)", () => {
  const day = (date: string) => new Date(`${date}T00:00:00Z`);
  const entries = [{ lastModified: day("2024-03-03") }, { lastModified: day("2024-03-20") }, { lastModified: day("2024-03-02") }];
  expect(toFeedUpdated(entries).toISOString()).toBe("2024-03-20T00:00:00.000Z");
  // The decided rule: `updated: 2024-03-05` (midnight) on a post published at 10:00 that day is its last modified,
  // in its entry and for the feed alike (the feed used to take the later of the two).
  expect(toFeedUpdated([{ lastModified: day("2024-03-05") }]).toISOString()).toBe("2024-03-05T00:00:00.000Z");
  // No entries: the epoch, stable across builds, rather than the build clock.
  expect(toFeedUpdated([]).getTime()).toBe(0);
});
