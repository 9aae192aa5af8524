import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { postFilesPlugin } from "../../src/plugins/post-files.ts";
import { buildToFolder } from "../helpers/bare-eleventy.ts";

describe("postFilesPlugin on a bare Eleventy", () => {
  test("files beside a post are copied beside its page; a template saved in posts/ is a file, not a page", async () => {
    const found = await buildToFolder((eleventyConfig) => {
      eleventyConfig.addPlugin(postFilesPlugin, { templateFormats: ["md", "njk"] });
    }, async (folder) => ["_site/posts/trip/index.html", "_site/posts/trip/guide.pdf", "_site/posts/trip/base.njk", "_site/posts/trip/base/index.html"].map((file) => existsSync(join(folder, file))), {
      prepare: async (folder) => {
        await mkdir(join(folder, "posts/trip"), { recursive: true });
        await writeFile(join(folder, "posts/trip.md"), "---\ntitle: Trip\n---\nSee the guide.\n");
        await writeFile(join(folder, "posts/trip/guide.pdf"), "%PDF-1.4\n");
        await writeFile(join(folder, "posts/trip/base.njk"), "{{ title }}\n");
      },
    });
    expect(found).toEqual([true, true, true, false]);
  });
});
