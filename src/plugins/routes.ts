import type { UserConfig } from "@11ty/eleventy";
import type * as RouteModule from "../routes.ts";

export interface RoutesPluginOptions {
  /** src/routes.ts, passed in by eleventy.config.ts: a test can pass another. */
  routes: typeof RouteModule;
  /** The site's origin (`site.url`): absolute URLs are under it and the path prefix. */
  siteUrl: string;
}

/**
 * The route module (src/routes.ts) as templates see it, so that no template
 * writes or concatenates a path:
 * - global data `routes`: the fixed site paths (`{{ routes.rssFeed | url }}`,
 *   `permalink: "{{ routes.subscribe }}"`);
 * - `toTagPageUrl`, `toTagFeedUrl`, `toTagSubscribeUrl`: a tag's URLs from its slug;
 * - `toAbsoluteUrl`: the one absolute-URL filter (feeds, SEO head, sitemap,
 *   robots.txt). It adds the path prefix itself: give it `page.url`, not the output of `url`.
 * - `url`: a site path as a link, under the path prefix (`withPathPrefix`),
 *   replacing Eleventy's own filter of that name, which guesses "absolute" by
 *   constructing a `URL` and catching the exception (0.1 ms a call, a dozen
 *   calls a page). Same results for every path a template gives it.
 */
export function routesPlugin(eleventyConfig: UserConfig, options: RoutesPluginOptions): void {
  const { routes, siteUrl } = options;
  eleventyConfig.addGlobalData("routes", () => routes.routes);
  eleventyConfig.addFilter("toTagPageUrl", (slug: string, pageNumber?: number) => routes.tagPageUrl(slug, pageNumber));
  eleventyConfig.addFilter("toTagFeedUrl", (slug: string) => routes.tagFeedUrl(slug));
  eleventyConfig.addFilter("toTagSubscribeUrl", (slug: string) => routes.tagSubscribeUrl(slug));
  // Eleventy sets pathPrefix (config, --pathprefix or the API option) before plugins run; read at each
  // call, never kept, so that each build (and each Eleventy in one process) links under its own prefix.
  // `permalink: false` pages have no URL (`false`): like Eleventy's filter, the site's root.
  eleventyConfig.addFilter("url", (path: string | false | undefined) => routes.withPathPrefix(path || "/", eleventyConfig.pathPrefix));
  eleventyConfig.addFilter("toAbsoluteUrl", (path: string | false) => routes.toAbsoluteUrl(path, siteUrl, eleventyConfig.pathPrefix));
}
