import { describe, expect, test } from "vitest";
import { routesPlugin } from "../../src/plugins/routes.ts";
import * as routes from "../../src/routes.ts";
import { buildInMemory, pageAt } from "../helpers/bare-eleventy.ts";

/** Renders one Nunjucks template, published at /subscribe/, on a bare Eleventy with only the routes plugin. */
async function render(template: string, pathPrefix?: string): Promise<string> {
  const pages = await buildInMemory((eleventyConfig) => {
    eleventyConfig.addPlugin(routesPlugin, { routes, siteUrl: "https://blog.example.com" });
    eleventyConfig.addTemplate("page.njk", template, { permalink: "{{ routes.subscribe }}" });
  }, { pathPrefix });
  // Eleventy's page URLs are site paths; the prefix is added where they are linked.
  return pageAt(pages, "/subscribe/");
}

describe("routesPlugin on a bare Eleventy", () => {
  test("permalinks and links come from the route module, under the path prefix", async () => {
    const content = await render(
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
    expect(content.split("\n")).toEqual([
      "/blog/feed.xml",
      "/blog/tags/serverless/",
      "/tags/serverless/page/2/",
      "https://blog.example.com/blog/tags/serverless/feed.xml",
      "/subscribe/#tag-serverless",
      "https://cdn.example/a",
    ]);
  });

  test("url links a site path as Eleventy's own filter did: the root, external and relative URLs, a page without a URL", async () => {
    const template = ["{{ '/' | url }}", "{{ '/posts/a/' | url }}", "{{ 'https://example.com/x' | url }}", "{{ '//cdn.example/a' | url }}", "{{ '#top' | url }}", "{{ false | url }}"].join("\n");
    expect((await render(template, "/blog/")).split("\n")).toEqual(["/blog/", "/blog/posts/a/", "https://example.com/x", "//cdn.example/a", "#top", "/blog/"]);
    expect((await render(template)).split("\n")).toEqual(["/", "/posts/a/", "https://example.com/x", "//cdn.example/a", "#top", "/"]);
  });

  // Regression: a memoised `url` filter kept the first build's links when one process built twice with different prefixes.
  test("two builds in one process with different path prefixes each link under their own prefix", async () => {
    const template = "{{ routes.atomFeed | url }} {{ '/posts/a/' | url }}";
    expect(await render(template, "/one/")).toBe("/one/atom.xml /one/posts/a/");
    expect(await render(template, "/two/")).toBe("/two/atom.xml /two/posts/a/");
    expect(await render(template)).toBe("/atom.xml /posts/a/");
  });
});
