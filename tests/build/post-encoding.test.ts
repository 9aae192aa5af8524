import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runEleventy } from "../helpers/cli.ts";
import { seeded, utf16beWithBom, utf16leWithBom, windows1252File } from "../helpers/encodings.ts";
import { makeFixture, post } from "../helpers/site.ts";

/**
 * A post goes through the decoder its snippets go through (src/text-encoding.ts):
 * UTF-16 is named by its byte-order mark, not guessed to be Windows-1252.
 */
describe("a post not saved as UTF-8", () => {
  test("is named with its encoding at the line to look at, and nothing is built", async () => {
    const text = post("title: Saved by PowerShell\ndate: 2024-01-01", "Café au lait.");
    const cp1252 = windows1252File(seeded(7), 6);
    const input = await makeFixture({ posts: {}, files: { "posts/le.md": utf16leWithBom(text), "posts/be.md": utf16beWithBom(text), "posts/cp.md": cp1252.bytes } });
    try {
      const result = await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("posts/le.md:1  encoding\n    → encoding is UTF-16 LE (byte-order mark FF FE): re-save the file as UTF-8");
      expect(result.stderr).toContain("posts/be.md:1  encoding\n    → encoding is UTF-16 BE (byte-order mark FE FF): re-save the file as UTF-8");
      expect(result.stderr).toContain(`posts/cp.md:${cp1252.line}  encoding\n    → encoding is not UTF-8: byte 0x${cp1252.byte.toString(16).toUpperCase()} on line ${cp1252.line} (in Windows-1252 it would be "${cp1252.char}")`);
      expect(existsSync(join(input, "_site"))).toBe(false);
    } finally {
      await rm(input, { recursive: true, force: true });
    }
  });
});
