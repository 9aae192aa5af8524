import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { AuthoringError, setReportPrinting } from "../../src/build-status.ts";
import { validationPlugin } from "../../src/plugins/validation.ts";
import { buildToFolder } from "../helpers/bare-eleventy.ts";

setReportPrinting(false);

describe("validationPlugin on a bare Eleventy", () => {
  test("a post with bad front matter stops the build before anything is written, naming the file, line and field", async () => {
    const { error, written } = await buildToFolder((eleventyConfig) => {
      eleventyConfig.addPlugin(validationPlugin);
    }, async (folder, error) => ({ error, written: existsSync(join(folder, "_site/posts/bad/index.html")) }), {
      prepare: async (folder) => {
        await mkdir(join(folder, "posts"));
        await writeFile(join(folder, "posts/bad.md"), "---\ntitle: Bad\ndate: 2024-02-30\n---\nText.\n");
      },
    });
    expect(error).toBeInstanceOf(AuthoringError);
    expect((error as AuthoringError).message).toMatch(/^Front matter problems in 1 post/);
    expect((error as AuthoringError).report).toMatch(/posts\/bad\.md:3.*date/);
    expect(written).toBe(false);
  });
});
