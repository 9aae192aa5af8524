import type { CollectionApi, CollectionItem, UserConfig } from "@11ty/eleventy";
import { groupPostsByYear } from "../archive.ts";
import { toIsoDate, toReadableDate } from "../dates.ts";
import { buildPostNavigation, type PostNavigation, type Series } from "../post-navigation.ts";
import { toReadingMinutes, toReadingTimeLabel } from "../reading-time.ts";
import { buildRelatedPosts } from "../related-posts.ts";
import { site } from "../site.ts";
import { toTableOfContents, type TocEntry } from "../toc.ts";

/**
 * A link to a post as the aside shows it. Built once per post per build:
 * Eleventy's `url` filter and Luxon formatting cost tens of microseconds a
 * call, too much to repeat for every neighbour on every page of a big blog.
 */
export interface PostLink {
  /** The page URL, as `page.url` (to mark the current post). */
  url: string;
  /** The URL with the path prefix, for `href`. */
  href: string;
  title: string;
  date: Date;
  isoDate: string;
  readableDate: string;
}

/** Everything a post page shows about its neighbours, computed once per build and keyed by URL. */
export interface ReaderIndex {
  navigation: Map<string, PostNavigation<PostLink>>;
  related: Map<string, PostLink[]>;
  readingMinutes: Map<string, number>;
  /** Every post, for the archive. */
  all: PostLink[];
}

export function buildReaderIndex(posts: CollectionItem[], toHref: (url: string) => string): ReaderIndex {
  const links = new Map<CollectionItem, PostLink>();
  const link = (post: CollectionItem): PostLink => {
    let cached = links.get(post);
    if (!cached) {
      cached = {
        url: post.url,
        href: toHref(post.url),
        title: String(post.data.title ?? ""),
        date: post.date,
        isoDate: toIsoDate(post.date, site.timeZone),
        readableDate: toReadableDate(post.date, site.timeZone, site.language),
      };
      links.set(post, cached);
    }
    return cached;
  };
  const seriesLinks = new Map<Series<CollectionItem>, Series<PostLink>>();
  const navigation = new Map<string, PostNavigation<PostLink>>();
  for (const [url, entry] of buildPostNavigation(posts)) {
    const { series } = entry;
    if (series && !seriesLinks.has(series)) seriesLinks.set(series, { name: series.name, parts: series.parts.map(link) });
    navigation.set(url, {
      ...(entry.previous ? { previous: link(entry.previous) } : {}),
      ...(entry.next ? { next: link(entry.next) } : {}),
      ...(series ? { series: seriesLinks.get(series)! } : {}),
    });
  }
  const related = new Map<string, PostLink[]>();
  for (const [url, list] of buildRelatedPosts(posts)) related.set(url, list.map(link));
  return {
    navigation,
    related,
    // rawInput is the Markdown body without front matter: counting it avoids touching rendered HTML.
    readingMinutes: new Map(posts.map((post) => [post.url, toReadingMinutes(post.rawInput ?? "")])),
    all: posts.map(link),
  };
}

/**
 * Reader features around a post: previous/next, series, related posts,
 * reading time, table of contents, and the archive's year groups. The
 * `readerIndex` collection is built once per build (Eleventy computes
 * collections once, before rendering); the filters only look a URL up.
 */
export function readerPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addCollection("readerIndex", (api: CollectionApi) => {
    // Eleventy's own `url` filter, so links carry the path prefix exactly as elsewhere.
    const toHref = eleventyConfig.getFilter("url") as (url: string) => string;
    return buildReaderIndex(api.getFilteredByTag("posts"), toHref);
  });

  eleventyConfig.addFilter("getPostNavigation", (index: ReaderIndex, url: string) => index.navigation.get(url) ?? {});
  eleventyConfig.addFilter("getRelatedPosts", (index: ReaderIndex, url: string) => index.related.get(url) ?? []);
  eleventyConfig.addFilter("getReadingTime", (index: ReaderIndex, url: string) => {
    const minutes = index.readingMinutes.get(url);
    return minutes === undefined ? "" : toReadingTimeLabel(minutes);
  });
  eleventyConfig.addFilter("toTableOfContents", (entries: TocEntry[] | undefined) => toTableOfContents(entries));
  eleventyConfig.addFilter("groupPostsByYear", (index: ReaderIndex) => groupPostsByYear(index.all, site.timeZone));
}
