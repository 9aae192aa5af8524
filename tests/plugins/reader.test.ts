import { describe, expect, test } from "vitest";
import { readerPlugin } from "../../src/plugins/reader.ts";
import { buildInMemory, pageAt, post } from "../helpers/bare-eleventy.ts";

describe("readerPlugin on a bare Eleventy", () => {
  test("previous and next posts, related posts and the archive's years come from the one reader index", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(readerPlugin, { index, timeZone: "UTC" });
      eleventyConfig.addTemplate("posts/a.md", "a", post("A", "2023-12-31", { tags: ["aws"] }));
      eleventyConfig.addTemplate("posts/b.md", "b", post("B", "2024-01-01", { tags: ["aws"] }));
      eleventyConfig.addTemplate("posts/c.md", "c", post("C", "2024-02-01", { tags: ["aws"] }));
      eleventyConfig.addTemplate("posts/d.md", "d", post("D", "2024-03-01", { tags: ["aws"] }));
      eleventyConfig.addTemplate(
        "index.njk",
        "{% set nav = collections.readerIndex | getPostNavigation('/posts/b/') %}{{ nav.previous.title }}<{{ nav.next.title }}|{% for p in collections.readerIndex | getRelatedPosts('/posts/b/') %}{{ p.title }}{% endfor %}|{% for year in collections.readerIndex | groupPostsByYear %}{{ year.year }}:{{ year.posts | length }};{% endfor %}",
      );
    });
    const [navigation, related, years] = pageAt(pages, "/").split("|");
    expect(navigation).toBe("A<C");
    // Related posts never repeat the previous and next posts linked right below.
    expect(related).toBe("D");
    expect(years).toBe("2024:3;2023:1;");
  });
});
