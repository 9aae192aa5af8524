import type { CollectionItem, UserConfig } from "@11ty/eleventy";
import { toAbsoluteUrl, toBlogPosting, toJsonLd, toLastModified, toSitemapEntries, type BlogPostingInput } from "../seo.ts";
import { toIsoDate } from "../dates.ts";
import { site } from "../site.ts";

/**
 * Filters for the SEO head (`partials/head-seo.njk`), sitemap.xml and
 * robots.txt. Every value comes from `src/site.ts` and the page's front matter.
 */
export function seoPlugin(eleventyConfig: UserConfig): void {
  // Expects a path that went through `url` first, so the pathPrefix is in it.
  eleventyConfig.addFilter("toAbsoluteUrl", (path: string) => toAbsoluteUrl(path, site.url));
  // `updated` from front matter (a YAML date or an ISO string), else the given date.
  eleventyConfig.addFilter("toLastModified", function (this: { page?: { inputPath?: string } }, updated: unknown, date: Date) {
    return toLastModified({ updated, inputPath: this.page?.inputPath }, date);
  });
  eleventyConfig.addFilter("toJsonLd", (value: unknown) => toJsonLd(value));
  eleventyConfig.addFilter("toBlogPosting", (post: Omit<BlogPostingInput, "updated"> & { updated?: unknown; inputPath?: string }) =>
    toBlogPosting({ ...post, updated: toLastModified(post, post.date) }, site));
  // Final <loc>/<lastmod> strings in one pass: the sitemap lists every page, so no per-entry filter chain in the template.
  eleventyConfig.addFilter("getSitemapEntries", (pages: CollectionItem[]) => {
    const toHref = eleventyConfig.getFilter("url") as (url: string) => string;
    return toSitemapEntries(pages).map((entry) => ({ loc: toAbsoluteUrl(toHref(entry.url), site.url), lastmod: toIsoDate(entry.lastModified, site.timeZone) }));
  });
}
