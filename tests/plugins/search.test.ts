import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { searchPlugin } from "../../src/plugins/search.ts";
import { buildToFolder } from "../helpers/bare-eleventy.ts";

describe("searchPlugin on a bare Eleventy", () => {
  test("a written build gets a Pagefind index of the pages marked data-pagefind-body", async () => {
    const written = await buildToFolder((eleventyConfig) => {
      eleventyConfig.addPlugin(searchPlugin, { language: "en", cacheDir: ".cache/search" });
      eleventyConfig.addTemplate("posts/a.njk", '<html lang="en"><body><article data-pagefind-body><h1>Lambda cold starts</h1></article></body></html>', { permalink: "/posts/a/" });
    }, async (folder) => ["pagefind/pagefind.js", "pagefind/pagefind-entry.json"].map((file) => existsSync(join(folder, "_site", file))));
    expect(written).toEqual([true, true]);
  });

  test("index: false (SEARCH_INDEX=off) writes no index", async () => {
    const written = await buildToFolder((eleventyConfig) => {
      eleventyConfig.addPlugin(searchPlugin, { index: false, language: "en", cacheDir: ".cache/search" });
      eleventyConfig.addTemplate("posts/a.njk", "<article data-pagefind-body>a</article>", { permalink: "/posts/a/" });
    }, async (folder) => existsSync(join(folder, "_site/pagefind")));
    expect(written).toBe(false);
  });
});
