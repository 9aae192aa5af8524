import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Eleventy from "@11ty/eleventy";
import { describe, expect, test } from "vitest";
import { routesPlugin } from "../../src/plugins/routes.ts";
import * as routes from "../../src/routes.ts";

/** Renders one Nunjucks template on a bare Eleventy with only the routes plugin, in memory. */
async function render(template: string, pathPrefix?: string): Promise<{ url: string; content: string }> {
  const input = await mkdtemp(join(tmpdir(), "routes-plugin-"));
  const previous = process.cwd();
  process.chdir(input);
  try {
    const eleventy = new Eleventy(".", "_site", {
      quietMode: true,
      ...(pathPrefix ? { pathPrefix } : {}),
      config: (eleventyConfig) => {
        eleventyConfig.addPlugin(routesPlugin, { routes, siteUrl: "https://blog.example.com" });
        eleventyConfig.addTemplate("page.njk", template, { permalink: "{{ routes.subscribe }}" });
      },
    });
    const [page] = (await eleventy.toJSON()) as Array<{ url: string; content: string }>;
    if (!page) throw new Error("no page built");
    return page;
  } finally {
    process.chdir(previous);
    await rm(input, { recursive: true, force: true });
  }
}

describe("routesPlugin on a bare Eleventy", () => {
  test("permalinks and links come from the route module, under the path prefix", async () => {
    const page = await render(
      [
        "{{ routes.rssFeed | url }}",
        "{{ 'serverless' | toTagPageUrl | url }}",
        "{{ 'serverless' | toTagPageUrl(2) }}",
        "{{ 'serverless' | toTagFeedUrl | toAbsoluteUrl }}",
        "{{ 'serverless' | toTagSubscribeUrl }}",
        "{{ '//cdn.example/a' | toAbsoluteUrl }}",
      ].join("\n"),
      "/blog/",
    );
    // Eleventy's page URLs are site paths; the prefix is added where they are linked.
    expect(page.url).toBe("/subscribe/");
    expect(page.content.split("\n")).toEqual([
      "/blog/feed.xml",
      "/blog/tags/serverless/",
      "/tags/serverless/page/2/",
      "https://blog.example.com/blog/tags/serverless/feed.xml",
      "/subscribe/#tag-serverless",
      "https://cdn.example/a",
    ]);
  });
});
