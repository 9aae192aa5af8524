import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { resolveLocalImage, toImageFormats } from "../../src/images.ts";
import { projectRoot } from "../helpers/site.ts";

describe("Markdown image sources", () => {
  test("relative paths resolve from the post's folder", () => {
    expect(resolveLocalImage("photo.jpg", "/site/posts/trip/index.md")).toBe("/site/posts/trip/photo.jpg");
    expect(resolveLocalImage("../shared/a%20b.png", "/site/posts/trip.md")).toBe("/site/shared/a b.png");
  });

  test.each(["https://example.com/a.png", "//cdn.example.com/a.png", "data:image/png;base64,AA", "/favicon.svg"])("%s is left as the author wrote it", (src) => {
    expect(resolveLocalImage(src, "/site/posts/a.md")).toBeUndefined();
  });

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
