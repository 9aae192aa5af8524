import { describe, expect, test } from "vitest";
import { collectionsPlugin } from "../../src/plugins/collections.ts";
import { buildInMemory, pageAt, post } from "../helpers/bare-eleventy.ts";

describe("collectionsPlugin on a bare Eleventy", () => {
  test("postsNewestFirst holds the written posts' views, newest first; a post without a page is left out", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(collectionsPlugin, { index });
      eleventyConfig.addTemplate("posts/old.md", "old", post("Old", "2023-01-01"));
      eleventyConfig.addTemplate("posts/new.md", "new", post("New", "2024-06-01"));
      eleventyConfig.addTemplate("posts/hidden.md", "hidden", post("Hidden", "2025-01-01", { permalink: false }));
      eleventyConfig.addTemplate("index.njk", "{% for p in collections.postsNewestFirst %}{{ p.title }};{% endfor %}");
    });
    expect(pageAt(pages, "/")).toBe("New;Old;");
  });
});
