import type { SiteData } from "./site.ts";

/**
 * An absolute URL for a site path, with the path prefix the site is deployed
 * under. Non-ASCII paths (`/tags/日本語/`) come out percent-encoded, as feed
 * readers expect.
 */
export function toAbsoluteUrl(path: string, siteUrl: string, pathPrefix = "/"): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(path)) return path;
  const prefix = `/${pathPrefix.replace(/^\/+|\/+$/g, "")}/`.replace("//", "/");
  const joined = prefix + path.replace(/^\/+/, "");
  return new URL(joined, `${siteUrl.replace(/\/+$/, "")}/`).href;
}

export interface FeedMeta {
  title: string;
  /** Site paths; made absolute by the caller. */
  homePageUrl: string;
  feedUrl: string;
  description?: string;
}

export interface FeedItem {
  url: string;
  title: string;
  contentHtml: string;
  summary?: string | undefined;
  date: Date;
  updated?: Date | undefined;
  tags: string[];
}

/**
 * A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/), serialised
 * with JSON.stringify so that no title or content can break the syntax.
 */
export function toJsonFeed(items: FeedItem[], meta: FeedMeta, site: Pick<SiteData, "description" | "language" | "author">): string {
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
    })),
  };
  return JSON.stringify(feed, null, 2);
}
