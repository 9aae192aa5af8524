import type { CollectionApi, CollectionItem, UserConfig } from "@11ty/eleventy";
import { groupPostsByYear } from "../archive.ts";
import { buildPostNavigation, type PostNavigation } from "../post-navigation.ts";
import { toReadingMinutes, toReadingTimeLabel } from "../reading-time.ts";
import { buildRelatedPosts } from "../related-posts.ts";
import { site } from "../site.ts";
import { toTableOfContents, type TocEntry } from "../toc.ts";

/** Everything a post page shows about its neighbours, computed once per build and keyed by URL. */
export interface ReaderIndex {
  navigation: Map<string, PostNavigation<CollectionItem>>;
  related: Map<string, CollectionItem[]>;
  readingMinutes: Map<string, number>;
}

export function buildReaderIndex(posts: CollectionItem[]): ReaderIndex {
  return {
    navigation: buildPostNavigation(posts),
    related: buildRelatedPosts(posts),
    // rawInput is the Markdown body without front matter: counting it avoids touching rendered HTML.
    readingMinutes: new Map(posts.map((post) => [post.url, toReadingMinutes(post.rawInput ?? "")])),
  };
}

/**
 * Reader features around a post: previous/next, series, related posts,
 * reading time, table of contents, and the archive's year groups. The
 * `readerIndex` collection is built once per build (Eleventy computes
 * collections once, before rendering); the filters only look a URL up.
 */
export function readerPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addCollection("readerIndex", (api: CollectionApi) => buildReaderIndex(api.getFilteredByTag("posts")));

  eleventyConfig.addFilter("getPostNavigation", (index: ReaderIndex, url: string) => index.navigation.get(url) ?? {});
  eleventyConfig.addFilter("getRelatedPosts", (index: ReaderIndex, url: string) => index.related.get(url) ?? []);
  eleventyConfig.addFilter("getReadingTime", (index: ReaderIndex, url: string) => {
    const minutes = index.readingMinutes.get(url);
    return minutes === undefined ? "" : toReadingTimeLabel(minutes);
  });
  eleventyConfig.addFilter("toTableOfContents", (entries: TocEntry[] | undefined) => toTableOfContents(entries));
  eleventyConfig.addFilter("groupPostsByYear", (posts: CollectionItem[]) => groupPostsByYear(posts, site.timeZone));
}
