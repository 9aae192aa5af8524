import { describe, expect, test } from "vitest";
import { controlCharactersPlugin } from "../../src/plugins/control-characters.ts";
import { buildInMemory, pageAt } from "../helpers/bare-eleventy.ts";

describe("controlCharactersPlugin on a bare Eleventy", () => {
  test("characters HTML and XML forbid are removed from pages and feeds as they are written; JSON keeps valid escapes", async () => {
    const pages = await buildInMemory((eleventyConfig) => {
      eleventyConfig.addPlugin(controlCharactersPlugin);
      eleventyConfig.addTemplate("index.njk", "a\fb\u001bc", {});
      eleventyConfig.addTemplate("feed.njk", "<title>x\u0008y</title>", { permalink: "/feed.xml" });
      eleventyConfig.addTemplate("json.njk", '{"title":"a\\fb"}', { permalink: "/feed.json" });
      eleventyConfig.addTemplate("robots.njk", "a\fb", { permalink: "/robots.txt" });
    });
    expect(pageAt(pages, "/")).toBe("abc");
    expect(pageAt(pages, "/feed.xml")).toBe("<title>xy</title>");
    expect(JSON.parse(pageAt(pages, "/feed.json"))).toEqual({ title: "ab" });
    // Only markup and JSON are cleaned.
    expect(pageAt(pages, "/robots.txt")).toBe("a\fb");
  });
});
