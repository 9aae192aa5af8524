import { describe, expect, test } from "vitest";
import { toAbsoluteUrl, toBlogPosting, toJsonLd, toSitemapEntries } from "../../src/seo.ts";
import { site } from "../../src/site.ts";

describe("JSON-LD", () => {
  test("a title with </script> cannot close the data block, and still parses back to itself", () => {
    const title = "</script><script>alert(1)</script>";
    const json = toJsonLd({ headline: title });
    expect(json).not.toContain("</script>");
    expect(JSON.parse(json)).toEqual({ headline: title });
  });

  test("a BlogPosting carries headline, dates, url, author and keywords", () => {
    const posting = toBlogPosting({ title: "T", description: "D", url: "https://x.test/p/", date: new Date("2024-01-02"), tags: ["posts", "a"] }, site);
    expect(posting).toMatchObject({
      "@type": "BlogPosting",
      headline: "T",
      datePublished: "2024-01-02T00:00:00.000Z",
      dateModified: "2024-01-02T00:00:00.000Z",
      url: "https://x.test/p/",
      author: { name: site.author.name },
      keywords: ["a"],
    });
  });
});

describe("absolute URLs", () => {
  test("join the origin and a path, percent-encoding non-ASCII", () => {
    expect(toAbsoluteUrl("/tags/日本語/", "https://blog.example.com")).toBe("https://blog.example.com/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/");
    expect(toAbsoluteUrl("/prefix/a/", "https://blog.example.com/")).toBe("https://blog.example.com/prefix/a/");
  });
});

describe("sitemap entries", () => {
  const page = (url: string | false, date: string, data: Record<string, unknown> = {}) => ({ url, date: new Date(date), inputPath: `./${String(url)}.md`, data });
  const entries = toSitemapEntries([
    page("/posts/a/", "2024-01-01", { isPost: true, updated: new Date("2024-03-01") }),
    page("/posts/b/", "2024-02-01", { isPost: true }),
    page("/posts/draft/", "2024-05-01", { isPost: true, draft: true }),
    page("/feed.xml", "2024-01-01"),
    page("/hidden/", "2024-01-01", { sitemap: false }),
    page(false, "2024-01-01"),
    page("/", "2020-01-01"),
  ]);

  test("lists HTML pages only, without drafts or opted-out pages", () => {
    expect(entries.map((entry) => entry.url)).toEqual(["/", "/posts/a/", "/posts/b/"]);
  });

  test("posts are modified at `updated` or their date; other pages at the newest post's", () => {
    expect(entries.map((entry) => entry.lastModified.toISOString().slice(0, 10))).toEqual(["2024-03-01", "2024-03-01", "2024-02-01"]);
  });

  test("an `updated` that is not a date is an error naming the file", () => {
    expect(() => toSitemapEntries([page("/posts/x/", "2024-01-01", { isPost: true, updated: "soon" })])).toThrow(/posts\/x\/\.md.*"updated"/);
  });
});
