import { describe, expect, test } from "vitest";
import { feedsPlugin } from "../../src/plugins/feeds.ts";
import { postViewsPlugin } from "../../src/plugins/post-views.ts";
import { buildInMemory, pageAt, post, testSite } from "../helpers/bare-eleventy.ts";

const site = { ...testSite, feedSize: 2, description: "A test blog.", author: { name: "Ada", url: "/about/" } };

describe("feedsPlugin on a bare Eleventy", () => {
  test("a JSON Feed from post views: the newest feedSize posts, absolute URLs in content, the summary, under the path prefix", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(postViewsPlugin, { index });
      eleventyConfig.addPlugin(feedsPlugin, { site, index });
      eleventyConfig.addTemplate("posts/a.md", "Old.", post("A", "2024-01-01"));
      eleventyConfig.addTemplate("posts/b.md", "See [the other post](../a/).", post("B", "2024-02-01", { description: "About B.", tags: ["aws"] }));
      eleventyConfig.addTemplate("posts/c.md", "Newest.", post("C", "2024-03-01"));
      eleventyConfig.addTemplate("feed.njk", "{{ collections.postViews.newestFirst | toJsonFeed({ title: 'Test', homePageUrl: '/', feedUrl: '/feed.json' }) | safe }}", {
        permalink: "/feed.json",
        eleventyImport: { collections: ["posts"] },
      });
    }, { pathPrefix: "/blog/" });
    const feed = JSON.parse(pageAt(pages, "/feed.json")) as { feed_url: string; authors: Array<{ url: string }>; items: Array<{ url: string; title: string; summary?: string; content_html: string; tags?: string[] }> };
    expect(feed.feed_url).toBe("https://blog.example.com/blog/feed.json");
    expect(feed.authors[0]!.url).toBe("https://blog.example.com/blog/about/");
    expect(feed.items.map((item) => item.title)).toEqual(["C", "B"]);
    const b = feed.items[1]!;
    expect(b.url).toBe("https://blog.example.com/blog/posts/b/");
    expect(b.summary).toBe("About B.");
    expect(b.tags).toEqual(["aws"]);
    // A relative link works on the site; in a feed it must work outside it.
    expect(b.content_html).toContain('href="https://blog.example.com/blog/posts/a/"');
  });

  test("RSS dates in the site's zone, the feed's updated date from its own posts", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(postViewsPlugin, { index });
      eleventyConfig.addPlugin(feedsPlugin, { site: { ...site, timeZone: "Pacific/Auckland" }, index });
      eleventyConfig.addTemplate("posts/a.md", "a", post("A", "2024-01-01T20:00:00Z", { updated: "2024-05-01" }));
      eleventyConfig.addTemplate("index.njk", "{% set posts = collections.postViews.newestFirst | toFeedPosts %}{{ posts[0].date | dateToRfc822 }}|{{ posts | toFeedUpdated | dateToRfc3339 }}");
    });
    expect(pageAt(pages, "/")).toBe("Tue, 02 Jan 2024 09:00:00 +1300|2024-05-01T00:00:00Z");
  });
});
