import type { CollectionItem, UserConfig } from "@11ty/eleventy";
import { toBlogPosting, toJsonLd, toListingSitemapEntries, toSitemapEntries, type BlogPostingInput, type ListedPost } from "../seo.ts";
import { toIsoDate } from "../dates.ts";
import { toUpdatedDate } from "../posts.ts";
import { site } from "../site.ts";
import { toAbsoluteUrl } from "../routes.ts";

/**
 * Filters for the SEO head (`partials/head.njk`), sitemap.xml and
 * robots.txt. Every value comes from `src/site.ts` and the page's front matter.
 * Absolute URLs come from the shared, path-prefix-aware `toAbsoluteUrl` (src/routes.ts).
 */
export function seoPlugin(eleventyConfig: UserConfig): void {
  const absolute = (path: string) => toAbsoluteUrl(path, site.url, eleventyConfig.pathPrefix);
  eleventyConfig.addFilter("toJsonLd", (value: unknown) => toJsonLd(value));
  eleventyConfig.addFilter("toBlogPosting", (post: Omit<BlogPostingInput, "updated"> & { updated?: unknown; inputPath?: string }) => {
    const { updated: written, ...rest } = post;
    const updated = toUpdatedDate(written, post.inputPath);
    return toBlogPosting({ ...rest, ...(updated ? { updated } : {}) }, site, absolute);
  });
  // Final <loc>/<lastmod> strings in one pass: the sitemap lists every page, so no per-entry filter chain in the template.
  // Tag pages beyond each tag's first are not in `collections.all` (addAllPagesToCollections: false): they come from `tagPages`.
  eleventyConfig.addFilter("getSitemapEntries", (pages: CollectionItem[], listings: { url: string; tag: { posts: ListedPost[] } }[] = []) =>
    toSitemapEntries(pages, toListingSitemapEntries(listings)).map((entry) => ({ loc: absolute(entry.url), lastmod: toIsoDate(entry.lastModified, site.timeZone) })));
}
