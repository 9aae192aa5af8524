import { describe, expect, test } from "vitest";
import { markdownPlugin } from "../../src/plugins/markdown.ts";
import { AuthoringError } from "../../src/build-status.ts";
import { buildInMemory, pageAt } from "../helpers/bare-eleventy.ts";
import { parseHTML } from "linkedom";

describe("markdownPlugin on a bare Eleventy", () => {
  test("headings get ids, code is highlighted, indented code stays code, root-relative links get the path prefix", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(markdownPlugin, { index });
      eleventyConfig.addTemplate("posts/a.md", "## Set up\n\n[Feed](/feed.xml) [out](https://example.com/)\n\n```js\nconst a = 1;\n```\n\n    indented <b>code</b>\n", { permalink: "/a/" });
    }, { pathPrefix: "/blog/" });
    const { document } = parseHTML(`<html><body>${pageAt(pages, "/a/")}</body></html>`);
    expect(document.querySelector("h2")?.id).toBe("set-up");
    expect([...document.querySelectorAll("p a")].map((a) => a.getAttribute("href"))).toEqual(["/blog/feed.xml", "https://example.com/"]);
    expect(document.querySelector("pre code.language-js .token")).not.toBeNull();
    expect([...document.querySelectorAll("pre code")].some((code) => code.textContent === "indented <b>code</b>\n")).toBe(true);
  });

  test("a mistake found while a post renders fails the build once, with its file and line", async () => {
    const build = buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(markdownPlugin, { index });
      eleventyConfig.addTemplate("posts/a.md", "text\n\nthen $\\frac{1}{$ breaks.\n", { permalink: "/a/" });
    });
    const error = await build.then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthoringError);
    expect((error as AuthoringError).postErrors.map((each) => [each.file, each.line])).toEqual([["./posts/a.md", 3]]);
  });
});
