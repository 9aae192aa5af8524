import type { CollectionApi, CollectionItem } from "@11ty/eleventy";

/**
 * `permalink: false` is Eleventy's documented way to write no file for a
 * template (https://www.11ty.dev/docs/permalinks/#permalink-false). Eleventy
 * keeps such a template in its collections on purpose, with `url === false`,
 * for pages used only as data. A post without a page has nothing a listing,
 * feed, tag page, sitemap, search result, card or "next post" link could
 * point at, so the blog leaves it out of all of them.
 */

/** Data as the drafts preprocessor sees it: front matter and directory data, before `eleventyComputed`. */
export interface PermalinkData {
  permalink?: unknown;
  eleventyComputed?: unknown;
}

/**
 * Whether the page's own data says `permalink: false`. A computed permalink
 * wins over a written one in Eleventy's cascade, so a page that also computes
 * its permalink is decided later, by `isWritten`.
 */
export function hasPermalinkFalse(data: PermalinkData): boolean {
  const computed = data.eleventyComputed;
  const computesPermalink = typeof computed === "object" && computed !== null && "permalink" in computed;
  return data.permalink === false && !computesPermalink;
}

/** Whether Eleventy writes the page: false for `permalink: false`, however it was reached (front matter, directory data, `eleventyComputed`). */
export function isWritten<T extends { url: unknown }>(page: T): page is T & { url: string } {
  return typeof page.url === "string";
}

/**
 * The `posts` collection without posts that write no page. Every collection
 * built from posts starts here, so a permalink that only becomes false in
 * `eleventyComputed` (after the drafts preprocessor has run) is left out too.
 */
export function getWrittenPosts(api: Pick<CollectionApi, "getFilteredByTag">): CollectionItem[] {
  // CollectionItem types `url` as a string; Eleventy gives `false` for `permalink: false`.
  return api.getFilteredByTag("posts").filter((post) => isWritten(post as { url: unknown }));
}
