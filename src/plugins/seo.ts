import type { CollectionItem, UserConfig } from "@11ty/eleventy";
import { toBlogPosting, toJsonLd, type SeoSite, toListingSitemapEntries, toSitemapEntries } from "../seo.ts";
import { toIsoDate } from "../dates.ts";
import type { PostView, PostViewIndex } from "../post-view.ts";
import { toAbsoluteUrl } from "../routes.ts";

export interface SeoPluginOptions {
  /** The site's metadata, as the head, JSON-LD and the sitemap publish it (`site`, passed in by eleventy.config.ts). */
  site: SeoSite & { url: string; timeZone: string; description: string };
}

/**
 * Filters for the SEO head (`partials/head.njk`), sitemap.xml and
 * robots.txt. Post facts come from the post view (src/post-view.ts), site
 * facts from `site`. Absolute URLs come from the shared, path-prefix-aware
 * `toAbsoluteUrl` (src/routes.ts).
 */
export function seoPlugin(eleventyConfig: UserConfig, options: SeoPluginOptions): void {
  const { site } = options;
  const absolute = (path: string) => toAbsoluteUrl(path, site.url, eleventyConfig.pathPrefix);
  eleventyConfig.addFilter("toJsonLd", (value: unknown) => toJsonLd(value));
  // A post's BlogPosting: its view, described as the head describes it (summary, else the site's), and its share image.
  eleventyConfig.addFilter("toBlogPosting", (post: PostView, image?: { url: string; width: number; height: number }) =>
    toBlogPosting({ title: post.title, description: post.summary || site.description, absoluteUrl: post.absoluteUrl, date: post.date, lastModified: post.lastModified, tagNames: post.tagNames, image }, site, absolute));
  // Final <loc>/<lastmod> strings in one pass: the sitemap lists every page, so no per-entry filter chain in the template.
  // Tag pages beyond each tag's first are not in `collections.all` (addAllPagesToCollections: false): they come from `tagPages`.
  eleventyConfig.addFilter("getSitemapEntries", (pages: CollectionItem[], views: PostViewIndex, listings: { url: string; tag: { posts: PostView[] } }[] = []) =>
    toSitemapEntries(pages, views.byUrl, toListingSitemapEntries(listings)).map((entry) => ({ loc: absolute(entry.url), lastmod: toIsoDate(entry.lastModified, site.timeZone) })));
}
