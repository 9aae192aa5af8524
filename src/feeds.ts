import type { SiteData } from "./site.ts";

export interface FeedMeta {
  title: string;
  /** Site paths; made absolute by the caller. */
  homePageUrl: string;
  feedUrl: string;
  description?: string;
}

export interface FeedItem extends EntryDates {
  url: string;
  title: string;
  contentHtml: string;
  summary?: string | undefined;
  tags: string[];
  /** Absolute URL of the post's own image or card (JSON Feed `image`); none when it would only be the site card. */
  image?: string | undefined;
}

/** The dates a feed entry carries: published, and last changed when the author wrote `updated`. */
export interface EntryDates {
  date: Date;
  updated?: Date | undefined;
}

/**
 * When a feed last changed: the newest last modified (`updated ?? date`, the
 * post view's `lastModified`) of its own entries. Atom's feed-level
 * atom:updated is "the most recent instant in time when the feed was modified
 * in a way the publisher considers significant" (RFC 4287 §4.2.15), so it is
 * the newest entry's atom:updated; RSS's lastBuildDate
 * (https://www.rssboard.org/rss-specification) follows the same rule. Taken
 * from the posts, never the build clock, so rebuilding the same posts changes
 * nothing; an empty feed gets the epoch.
 */
export function toFeedUpdated(entries: readonly { lastModified: Date }[]): Date {
  let newest = 0;
  for (const { lastModified } of entries) newest = Math.max(newest, lastModified.getTime());
  return new Date(newest);
}

/**
 * A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/), serialised
 * with JSON.stringify so that no title or content can break the syntax.
 */
/** What a feed says about the site (src/site.ts). */
export type FeedSite = Pick<SiteData, "description" | "language" | "author">;

export function toJsonFeed(items: FeedItem[], meta: FeedMeta, site: FeedSite): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: meta.title,
    home_page_url: meta.homePageUrl,
    feed_url: meta.feedUrl,
    description: meta.description ?? site.description,
    language: site.language,
    authors: [{ name: site.author.name, ...(site.author.url ? { url: site.author.url } : {}) }],
    items: items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      ...(item.summary ? { summary: item.summary } : {}),
      date_published: item.date.toISOString(),
      ...(item.updated ? { date_modified: item.updated.toISOString() } : {}),
      ...(item.tags.length ? { tags: item.tags } : {}),
      // `image`, not also `banner_image`: readers show both, and the one card would appear twice.
      ...(item.image ? { image: item.image } : {}),
    })),
  };
  return JSON.stringify(feed, null, 2);
}

// The exact markup src/markdown.ts (addHeadingAnchors) wraps around each h2–h6.
const HEADING_WRAPPER_OPEN = `<div class="heading-wrapper">\n`;
const HEADING_ANCHOR_OPEN = `<a class="heading-anchor" `;
const HEADING_ANCHOR_CLOSE = `</a>\n</div>\n`;

/**
 * Post HTML without the "#" section links and their wrapper, keeping the
 * headings: feed readers show content without our stylesheet, where the links
 * read as stray "#Link to section: …" text. We generate this markup ourselves
 * (src/markdown.ts), so exact string matching is safe; the heading text is
 * escaped there, so it cannot contain the closing sequence.
 */
export function stripHeadingAnchors(html: string): string {
  if (!html.includes(HEADING_WRAPPER_OPEN)) return html;
  let out = "";
  let from = 0;
  for (;;) {
    const open = html.indexOf(HEADING_WRAPPER_OPEN, from);
    if (open === -1) break;
    const anchor = html.indexOf(HEADING_ANCHOR_OPEN, open);
    const close = anchor === -1 ? -1 : html.indexOf(HEADING_ANCHOR_CLOSE, anchor);
    // Not our wrapper after all (an author's raw HTML): leave it as written.
    if (close === -1 || html.lastIndexOf(HEADING_WRAPPER_OPEN, anchor) !== open) {
      out += html.slice(from, open + HEADING_WRAPPER_OPEN.length);
      from = open + HEADING_WRAPPER_OPEN.length;
      continue;
    }
    out += html.slice(from, open) + html.slice(open + HEADING_WRAPPER_OPEN.length, anchor);
    from = close + HEADING_ANCHOR_CLOSE.length;
  }
  return out + html.slice(from);
}
