import { describe, expect, test } from "vitest";
import { filtersPlugin } from "../../src/plugins/filters.ts";
import { buildInMemory, pageAt } from "../helpers/bare-eleventy.ts";

describe("filtersPlugin on a bare Eleventy", () => {
  test("dates are read and written in the zone and language it is given, not the machine's", async () => {
    const pages = await buildInMemory((eleventyConfig) => {
      eleventyConfig.addPlugin(filtersPlugin, { timeZone: "Pacific/Auckland", language: "en" });
      eleventyConfig.addTemplate("index.njk", "{{ when | toIsoDate }}|{{ when | toReadableDate }}", { when: new Date("2024-03-18T20:00:00Z") });
    });
    // 20:00 UTC on the 18th is already the 19th in Auckland.
    expect(pageAt(pages, "/")).toBe("2024-03-19|March 19, 2024");
  });
});
