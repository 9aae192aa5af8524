import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { imagesPlugin } from "../../src/plugins/images.ts";
import { buildToFolder } from "../helpers/bare-eleventy.ts";

/** A 1×1 PNG: the smallest image eleventy-img will encode. */
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe("imagesPlugin on a bare Eleventy", () => {
  test("an image beside a post becomes a <picture> with AVIF and WebP, sized, lazy, under the path prefix, and is written", async () => {
    const { html, written } = await buildToFolder((eleventyConfig) => {
      eleventyConfig.addPlugin(imagesPlugin);
    }, async (folder) => ({ html: await readFile(join(folder, "_site/posts/a/index.html"), "utf8"), written: existsSync(join(folder, "_site/img")) }), {
      pathPrefix: "/blog/",
      prepare: async (folder) => {
        await mkdir(join(folder, "posts/a"), { recursive: true });
        await writeFile(join(folder, "posts/a/red.png"), PIXEL);
        await writeFile(join(folder, "posts/a.md"), "---\ntitle: A\n---\n![A red box](./a/red.png)\n");
      },
    });
    const { document } = parseHTML(html);
    const picture = document.querySelector("picture")!;
    expect([...picture.querySelectorAll("source")].map((source) => source.getAttribute("type"))).toEqual(["image/avif", "image/webp"]);
    for (const source of picture.querySelectorAll("source")) expect(source.getAttribute("srcset")).toMatch(/^\/blog\/img\/\S+ 1w$/);
    const img = picture.querySelector("img")!;
    expect(Object.fromEntries(["alt", "loading", "decoding", "width", "height"].map((name) => [name, img.getAttribute(name)]))).toEqual({ alt: "A red box", loading: "lazy", decoding: "async", width: "1", height: "1" });
    expect(img.getAttribute("src")).toMatch(/^\/blog\/img\/[^/]+\.png$/);
    expect(written).toBe(true);
  });
});
