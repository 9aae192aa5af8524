import { describe, expect, test } from "vitest";
import { snippetsWatchPlugin } from "../../src/plugins/snippets.ts";
import { buildInMemory } from "../helpers/bare-eleventy.ts";

describe("snippetsWatchPlugin on a bare Eleventy", () => {
  test("npm start watches every file beside the posts, where snippets live", async () => {
    let targets: unknown[] = [];
    await buildInMemory((eleventyConfig) => {
      snippetsWatchPlugin(eleventyConfig);
      targets = [...(eleventyConfig as unknown as { additionalWatchTargets: unknown[] }).additionalWatchTargets];
    });
    expect(targets).toContain("./posts/**/*");
  });
});
