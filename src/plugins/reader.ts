import type { CollectionApi, CollectionItem, UserConfig } from "@11ty/eleventy";
import { groupPostsByYear } from "../archive.ts";
import { toIsoDate, toReadableDate } from "../dates.ts";
import { buildPostNavigation, seriesPart, type PostNavigation, type Series } from "../post-navigation.ts";
import { toReadingMinutes, toReadingTimeLabel } from "../reading-time.ts";
import { buildRelatedPosts, RELATED_POST_COUNT } from "../related-posts.ts";
import { site } from "../site.ts";
import { toTableOfContents, type TocEntry } from "../toc.ts";
import { getWrittenPosts } from "../unwritten-posts.ts";

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

/** A part of a series as the series box lists it: its number when the post gives one (`seriesPart`). */
export interface SeriesPartLink extends PostLink {
  part?: number;
}

/** Everything a post page shows about its neighbours, computed once per build and keyed by URL. */
export interface ReaderIndex {
  navigation: Map<string, PostNavigation<PostLink> & { series?: Series<SeriesPartLink>; seriesPart?: number }>;
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
  const seriesLinks = new Map<Series<CollectionItem>, Series<SeriesPartLink>>();
  const navigation: ReaderIndex["navigation"] = new Map();
  const byUrl = new Map(posts.map((post) => [post.url, post]));
  const partOf = (url: string) => seriesPart(byUrl.get(url)!);
  for (const [url, entry] of buildPostNavigation(posts)) {
    const { series } = entry;
    if (series && !seriesLinks.has(series)) {
      seriesLinks.set(series, { name: series.name, parts: series.parts.map((post) => ({ ...link(post), ...(seriesPart(post) ? { part: seriesPart(post) } : {}) })) });
    }
    navigation.set(url, {
      ...(entry.previous ? { previous: link(entry.previous) } : {}),
      ...(entry.next ? { next: link(entry.next) } : {}),
      ...(series ? { series: seriesLinks.get(series)! } : {}),
      ...(series && partOf(url) ? { seriesPart: partOf(url)! } : {}),
    });
  }
  // A related post is never the previous or next post, which the page links right below:
  // rank a few more and drop those.
  const related = new Map<string, PostLink[]>();
  for (const [url, list] of buildRelatedPosts(posts, RELATED_POST_COUNT + 2)) {
    const neighbours = navigation.get(url);
    const others = list.map(link).filter((post) => post.url !== neighbours?.previous?.url && post.url !== neighbours?.next?.url);
    related.set(url, others.slice(0, RELATED_POST_COUNT));
  }
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
    return buildReaderIndex(getWrittenPosts(api), toHref);
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
