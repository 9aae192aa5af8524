import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { headersPlugin } from "../../src/plugins/headers.ts";
import { toHeadersFile } from "../../src/security-headers.ts";
import { buildInMemory, buildToFolder } from "../helpers/bare-eleventy.ts";

describe("headersPlugin on a bare Eleventy", () => {
  test("a written build has _headers, from the same headers the preview server sends", async () => {
    const headers = await buildToFolder((eleventyConfig) => {
      eleventyConfig.addPlugin(headersPlugin);
      eleventyConfig.addTemplate("index.njk", "home", {});
    }, (folder) => readFile(join(folder, "_site/_headers"), "utf8"));
    expect(headers).toBe(toHeadersFile());
    expect(headers).toMatch(/^\/\*\n {2}Content-Security-Policy: /m);
  });

  test("an in-memory build (npm run check) writes nothing", async () => {
    const pages = await buildInMemory((eleventyConfig) => {
      eleventyConfig.addPlugin(headersPlugin);
      eleventyConfig.addTemplate("index.njk", "home", {});
    });
    expect(pages.map((page) => page.url)).toEqual(["/"]);
  });
});
