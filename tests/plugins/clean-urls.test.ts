import { describe, expect, test } from "vitest";
import { cleanUrlsPlugin } from "../../src/plugins/clean-urls.ts";
import { buildInMemory } from "../helpers/bare-eleventy.ts";

describe("cleanUrlsPlugin on a bare Eleventy", () => {
  test("a template is written at the clean URL of its input path; a permalink of its own wins", async () => {
    const pages = await buildInMemory((eleventyConfig) => {
      eleventyConfig.addPlugin(cleanUrlsPlugin);
      eleventyConfig.addTemplate("posts/2023-01-10-My Post.md", "a", { title: "A" });
      eleventyConfig.addTemplate("posts/Another Post.md", "b", { title: "B" });
      eleventyConfig.addTemplate("pages/about.njk", "c", { permalink: "/about/" });
    });
    expect(pages.map((page) => page.url).sort()).toEqual(["/about/", "/posts/another-post/", "/posts/my-post/"]);
  });
});
