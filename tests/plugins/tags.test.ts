import { describe, expect, test } from "vitest";
import { tagsPlugin } from "../../src/plugins/tags.ts";
import { buildInMemory, pageAt, post } from "../helpers/bare-eleventy.ts";

describe("tagsPlugin on a bare Eleventy", () => {
  test("tagList names each tag once with its slug and posts; tagPages splits them by the page size", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(tagsPlugin, { index, pageSize: 2 });
      for (const day of ["01", "02", "03"]) eleventyConfig.addTemplate(`posts/${day}.md`, day, post(`Post ${day}`, `2024-01-${day}`, { tags: day === "01" ? ["serverless", "AWS"] : ["Serverless"] }));
      eleventyConfig.addTemplate(
        "index.njk",
        "{% for tag in collections.tagList %}{{ tag.name }}:{{ tag.slug }}:{{ tag.posts | length }};{% endfor %}|{% for page in collections.tagPages %}{{ page.url }}={% for p in page.posts %}{{ p.title }},{% endfor %};{% endfor %}",
      );
    });
    const [tagList, tagPages] = pageAt(pages, "/").split("|");
    expect(tagList).toBe("AWS:aws:1;Serverless:serverless:3;");
    expect(tagPages).toBe("/tags/aws/=Post 01,;/tags/serverless/=Post 03,Post 02,;/tags/serverless/page/2/=Post 01,;");
  });
});
