import { describe, expect, test } from "vitest";
import { toBlogPosting, toJsonLd, toListingSitemapEntries, toSitemapEntries } from "../../src/seo.ts";
import { site } from "../../src/site.ts";

describe("JSON-LD", () => {
  test("a title with </script> cannot close the data block, and still parses back to itself", () => {
    const title = "</script><script>alert(1)</script>";
    const json = toJsonLd({ headline: title });
    expect(json).not.toContain("</script>");
    expect(JSON.parse(json)).toEqual({ headline: title });
  });

  test("a BlogPosting carries headline, dates, url, author and keywords", () => {
    const absolute = (path: string) => `https://x.test/blog/${path.replace(/^\//, "")}`;
    const posting = toBlogPosting({ title: "T", description: "D", absoluteUrl: "https://x.test/blog/p/", date: new Date("2024-01-02"), lastModified: new Date("2024-01-02"), tagNames: ["a"] }, { ...site, author: { name: "A", url: "about/" } }, absolute);
    expect(posting).toMatchObject({
      "@type": "BlogPosting",
      headline: "T",
      datePublished: "2024-01-02T00:00:00.000Z",
      dateModified: "2024-01-02T00:00:00.000Z",
      url: "https://x.test/blog/p/",
      author: { name: "A", url: "https://x.test/blog/about/" },
      publisher: { url: "https://x.test/blog/" },
      keywords: ["a"],
    });
    expect(posting).not.toHaveProperty("image");
  });

  test("a BlogPosting with a share image carries it as an ImageObject with its size", () => {
    const image = { url: "https://x.test/blog/social-cards/p.0123456789.png", width: 1200, height: 630 };
    const posting = toBlogPosting({ title: "T", description: "D", absoluteUrl: "https://x.test/blog/p/", date: new Date("2024-01-02"), lastModified: new Date("2024-01-02"), tagNames: [], image }, site, (path) => path);
    expect(posting.image).toEqual({ "@type": "ImageObject", ...image });
  });
});

describe("sitemap entries", () => {
  const page = (url: string | false, date: string, data: Record<string, unknown> = {}) => ({ url, date: new Date(date), inputPath: `./${String(url)}.md`, data });
  // Posts' last modified comes from their views (src/post-view.ts), whatever their page data says.
  const views = new Map([
    ["/posts/a/", { lastModified: new Date("2024-03-01") }],
    ["/posts/b/", { lastModified: new Date("2024-02-01") }],
    ["/posts/draft/", { lastModified: new Date("2024-05-01") }],
  ]);
  const entries = toSitemapEntries([
    page("/posts/a/", "2024-01-01", { isPost: true, updated: "ignored" }),
    page("/posts/b/", "2024-02-01", { isPost: true }),
    page("/posts/draft/", "2024-05-01", { isPost: true, draft: true }),
    page("/feed.xml", "2024-01-01"),
    page("/hidden/", "2024-01-01", { sitemap: false }),
    page(false, "2024-01-01"),
    page("/", "2020-01-01"),
  ], views);

  test("lists HTML pages only, without drafts or opted-out pages", () => {
    expect(entries.map((entry) => entry.url)).toEqual(["/", "/posts/a/", "/posts/b/"]);
  });

  test("posts are modified at `updated` or their date; other pages at the newest post's", () => {
    expect(entries.map((entry) => entry.lastModified.toISOString().slice(0, 10))).toEqual(["2024-03-01", "2024-03-01", "2024-02-01"]);
  });

  test("a page's own `updated` that is not a date is an error naming the file", () => {
    expect(() => toSitemapEntries([page("/about/", "2024-01-01", { updated: "soon" })], new Map())).toThrow(/about\/\.md.*"updated"/);
  });
});

describe("sitemap entries for listing pages", () => {
  const post = (lastModified: string) => ({ lastModified: new Date(lastModified) });
  const tag = { posts: [post("2024-02-01"), post("2024-03-19")] };
  const other = { posts: [post("2023-01-01")] };

  test("every page of a tag is listed, last modified at the newest last modified of its posts", () => {
    const entries = toListingSitemapEntries([{ url: "/tags/a/", tag }, { url: "/tags/a/page/2/", tag }, { url: "/tags/b/", tag: other }]);
    expect(entries.map((entry) => [entry.url, entry.lastModified.toISOString().slice(0, 10)])).toEqual([
      ["/tags/a/", "2024-03-19"],
      ["/tags/a/page/2/", "2024-03-19"],
      ["/tags/b/", "2023-01-01"],
    ]);
  });

  test("replace a page's own entry and add the ones collections leave out", () => {
    const entries = toSitemapEntries(
      [{ url: "/tags/a/", date: new Date("2020-01-01"), inputPath: "./pages/tags/tag.njk", data: {} }],
      new Map(),
      [{ url: "/tags/a/", lastModified: new Date("2024-03-19") }, { url: "/tags/a/page/2/", lastModified: new Date("2024-03-19") }],
    );
    expect(entries.map((entry) => [entry.url, entry.lastModified.toISOString().slice(0, 10)])).toEqual([
      ["/tags/a/", "2024-03-19"],
      ["/tags/a/page/2/", "2024-03-19"],
    ]);
  });
});
