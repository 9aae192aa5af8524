import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { toImageFormats } from "../../src/images.ts";
import { projectRoot } from "../helpers/site.ts";

describe("Markdown images", () => {
  test("raster images get AVIF and WebP before their own format; SVG and GIF keep theirs", () => {
    expect(toImageFormats("jpg")).toEqual(["avif", "webp", "jpeg"]);
    expect(toImageFormats("png")).toEqual(["avif", "webp", "png"]);
    expect(toImageFormats("webp")).toEqual(["avif", "webp"]);
    expect(toImageFormats("svg")).toEqual(["svg"]);
  });
});

describe("the enhancement script", () => {
  test("is at most 2 KB gzipped", async () => {
    const script = await readFile(join(projectRoot, "public/enhance.js"));
    expect(gzipSync(script, { level: 9 }).length).toBeLessThanOrEqual(2048);
  });
});
