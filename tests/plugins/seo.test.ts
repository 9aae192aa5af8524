import { describe, expect, test } from "vitest";
import { postViewsPlugin } from "../../src/plugins/post-views.ts";
import { seoPlugin } from "../../src/plugins/seo.ts";
import { buildInMemory, pageAt, post, testSite } from "../helpers/bare-eleventy.ts";

const site = { ...testSite, title: "Test blog", description: "A test blog.", author: { name: "Ada", url: "/about/" } };

describe("seoPlugin on a bare Eleventy", () => {
  test("a post's JSON-LD BlogPosting and the sitemap entries, with absolute URLs under the path prefix", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(postViewsPlugin, { index });
      eleventyConfig.addPlugin(seoPlugin, { site });
      eleventyConfig.addTemplate("posts/a.md", "a", post("A", "2024-01-01", { updated: "2024-02-01", description: "About A." }));
      eleventyConfig.addTemplate("about.njk", "about", { permalink: "/about/" });
      eleventyConfig.addTemplate(
        "index.njk",
        "{{ collections.postViews | getPostView('/posts/a/') | toBlogPosting | toJsonLd | safe }}\n{% for entry in collections.all | getSitemapEntries(collections.postViews) %}{{ entry.loc }} {{ entry.lastmod }};{% endfor %}",
        { eleventyImport: { collections: ["posts"] } },
      );
    }, { pathPrefix: "/blog/" });
    const [jsonLd, sitemap] = pageAt(pages, "/").split("\n");
    const posting = JSON.parse(jsonLd!) as Record<string, unknown>;
    expect(posting).toMatchObject({ "@type": "BlogPosting", headline: "A", description: "About A.", url: "https://blog.example.com/blog/posts/a/", dateModified: "2024-02-01T00:00:00.000Z", author: { name: "Ada", url: "https://blog.example.com/blog/about/" } });
    expect(sitemap).toContain("https://blog.example.com/blog/posts/a/ 2024-02-01;");
    expect(sitemap).toContain("https://blog.example.com/blog/about/ ");
  });
});
