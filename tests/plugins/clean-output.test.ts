import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cleanOutputPlugin } from "../../src/plugins/clean-output.ts";
import { buildToFolder } from "../helpers/bare-eleventy.ts";

describe("cleanOutputPlugin on a bare Eleventy", () => {
  test("a production build starts from an empty output folder: a page an older build wrote is gone", async () => {
    const found = await buildToFolder((eleventyConfig) => {
      eleventyConfig.addPlugin(cleanOutputPlugin);
      eleventyConfig.addTemplate("index.njk", "home", {});
    }, async (folder) => ["_site/index.html", "_site/posts/old/index.html"].map((file) => existsSync(join(folder, file))), {
      prepare: async (folder) => {
        await mkdir(join(folder, "_site/posts/old"), { recursive: true });
        await writeFile(join(folder, "_site/posts/old/index.html"), "old");
      },
    });
    expect(found).toEqual([true, false]);
  });
});
