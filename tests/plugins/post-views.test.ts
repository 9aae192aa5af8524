import { describe, expect, test } from "vitest";
import { postViewsPlugin } from "../../src/plugins/post-views.ts";
import { buildInMemory, pageAt, post } from "../helpers/bare-eleventy.ts";

describe("postViewsPlugin on a bare Eleventy", () => {
  test("each post's view is found by its URL, under the path prefix; other pages have none", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(postViewsPlugin, { index });
      eleventyConfig.addTemplate("posts/a.md", "Hello *world*.", post("First post", "2024-03-18", { tags: ["Serverless"] }));
      eleventyConfig.addTemplate(
        "index.njk",
        "{% set view = collections.postViews | getPostView('/posts/a/') %}{{ view.title }}|{{ view.href }}|{{ view.absoluteUrl }}|{{ view.isoDate }}|{{ view.summary }}|{{ view.tagNames | join(',') }}|{{ (collections.postViews | getPostView('/')) === undefined }}",
        { eleventyImport: { collections: ["posts"] } },
      );
    }, { pathPrefix: "/blog/" });
    expect(pageAt(pages, "/")).toBe("First post|/blog/posts/a/|https://blog.example.com/blog/posts/a/|2024-03-18|Hello world.|Serverless|true");
  });
});
