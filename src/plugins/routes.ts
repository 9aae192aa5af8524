import type { UserConfig } from "@11ty/eleventy";
import type * as RouteModule from "../routes.ts";

export interface RoutesPluginOptions {
  /** src/routes.ts, passed in by eleventy.config.ts: a test can pass another. */
  routes: typeof RouteModule;
  /** The site's origin (src/site.ts `url`): absolute URLs are under it and the path prefix. */
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
 * Site paths in templates still go through Eleventy's `url` filter for the path prefix.
 */
export function routesPlugin(eleventyConfig: UserConfig, options: RoutesPluginOptions): void {
  const { routes, siteUrl } = options;
  eleventyConfig.addGlobalData("routes", () => routes.routes);
  eleventyConfig.addFilter("toTagPageUrl", (slug: string, pageNumber?: number) => routes.tagPageUrl(slug, pageNumber));
  eleventyConfig.addFilter("toTagFeedUrl", (slug: string) => routes.tagFeedUrl(slug));
  eleventyConfig.addFilter("toTagSubscribeUrl", (slug: string) => routes.tagSubscribeUrl(slug));
  // Eleventy sets pathPrefix (config, --pathprefix or the API option) before plugins run.
  eleventyConfig.addFilter("toAbsoluteUrl", (path: string | false) => routes.toAbsoluteUrl(path, siteUrl, eleventyConfig.pathPrefix));
}
