/**
 * Routes and URLs: the one place that knows where the blog publishes things
 * and how a site path becomes a link. Pure (no Eleventy import), so plugins,
 * scripts and tests share it; templates reach it through the filters and the
 * `routes` global data that src/plugins/routes.ts registers.
 *
 * Site paths here are without the path prefix (`/feed.xml`, as in Eleventy's
 * `page.url`): `withPathPrefix` (Eleventy's `url` filter in templates) makes
 * them links, `toAbsoluteUrl` makes them absolute URLs.
 */
import { posix } from "node:path";

/** The site paths of the pages and files published at a fixed address, each a permalink and every link to it. */
export const routes = {
  home: "/",
  archive: "/archive/",
  tagIndex: "/tags/",
  search: "/search/",
  about: "/about/",
  /** Every visible feed link on the site leads here: it explains feeds and shows each address. */
  subscribe: "/subscribe/",
  rssFeed: "/feed.xml",
  atomFeed: "/atom.xml",
  jsonFeed: "/feed.json",
  /** The stylesheet that makes feeds readable in a browser (public/feed.css). */
  feedStylesheet: "/feed.css",
  /** Where @11ty/eleventy-img writes post images and share cards. */
  imageFolder: "/img/",
  sitemap: "/sitemap.xml",
  robots: "/robots.txt",
} as const;

export type Routes = typeof routes;

/** A tag's page `pageNumber` (1-based): `/tags/<slug>/`, then `/tags/<slug>/page/2/`… */
export function tagPageUrl(slug: string, pageNumber = 1): string {
  const first = `${routes.tagIndex}${slug}/`;
  return pageNumber === 1 ? first : `${first}page/${pageNumber}/`;
}

/** A tag's RSS feed sits beside its first page. */
export function tagFeedUrl(slug: string): string {
  return `${tagPageUrl(slug)}feed.xml`;
}

/**
 * The id of a tag's entry on the subscribe page. Slugs are unique and have no white space: a valid,
 * unique HTML id. They never contain "_", which /subscribe/'s own ids do (`tag_feeds`), so a tag
 * named "feeds" cannot take its heading's id.
 */
export function tagSubscribeId(slug: string): string {
  return `tag-${slug}`;
}

/**
 * Where a tag page's visible feed link goes: the tag's entry on the subscribe
 * page, which explains feeds and shows the address to copy. Clicking straight
 * into the XML would show a reader who does not know feeds a page of code.
 */
export function tagSubscribeUrl(slug: string): string {
  return `${routes.subscribe}#${tagSubscribeId(slug)}`;
}

// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
const SCHEME = /^[a-z][a-z\d+.-]*:/i;
// Two slashes start a scheme-relative URL (RFC 3986 §4.2); browsers read "\" as "/" in http(s) URLs
// (https://url.spec.whatwg.org/#special-authority-slashes-state), so `\\host` and `/\host` are too.
const SCHEME_RELATIVE = /^[\\/]{2}/;

/**
 * Whether a URL as written in a link, an image or front matter leaves the
 * site: it has a scheme (`https:`, `mailto:`, `data:`) or is scheme-relative
 * (`//cdn.example/a`, which a browser loads from cdn.example). Such a URL is
 * never prefixed, never checked as a page of the site, never read as a file,
 * and made absolute by `toAbsoluteUrl` with the site's scheme only. Everything
 * else (`/a/`, `a.png`, `../x`, `#top`, `?q=1`, "") is the site's own.
 */
export function isExternalUrl(url: string): boolean {
  return SCHEME.test(url) || SCHEME_RELATIVE.test(url);
}

/**
 * The path prefix the site is deployed under, normalised: `/blog/` or `/`,
 * always with a leading and a trailing slash, repeated slashes collapsed (`blog`,
 * `/blog`, `//blog//` → `/blog/`), as Eleventy's `url` filter normalises it.
 * Every prefix the blog uses goes through here, from Eleventy's one
 * `pathPrefix` (config, `--pathprefix` or the API option).
 */
export function normalisePathPrefix(pathPrefix = "/"): string {
  return posix.normalize(`/${pathPrefix}/`);
}

/**
 * Puts the path prefix in front of a root-relative URL (`/feed.xml` →
 * `/blog/feed.xml`), as Eleventy's `url` filter does in templates. Relative
 * (`../x`), fragment (`#x`) and external URLs (`isExternalUrl`) are left
 * alone, and so is a URL already under the prefix.
 */
export function withPathPrefix(url: string, pathPrefix: string): string {
  const prefix = normalisePathPrefix(pathPrefix);
  if (prefix === "/" || !url.startsWith("/") || isExternalUrl(url)) return url;
  if (url === prefix.slice(0, -1) || url.startsWith(prefix)) return url;
  return prefix + url.slice(1);
}

/**
 * A site path (`/posts/a/`, as in `page.url`) under the path prefix
 * (`/blog/posts/a/`), whatever it starts with: for paths the build itself
 * produced, which are never external. Links as written go through
 * `withPathPrefix` instead.
 */
export function prefixSitePath(path: string, pathPrefix: string): string {
  return normalisePathPrefix(pathPrefix) + path.replace(/^\/+/, "");
}

/** The site path of a link that `withPathPrefix` prefixed (`/blog/img/a.png` → `/img/a.png`); other URLs unchanged. */
export function withoutPathPrefix(url: string, pathPrefix: string): string {
  const prefix = normalisePathPrefix(pathPrefix);
  return prefix !== "/" && url.startsWith(prefix) ? url.slice(prefix.length - 1) : url;
}

/**
 * An absolute URL for a site path (`/posts/a/`, as in `page.url`, without the
 * path prefix), under the origin and the path prefix the site is deployed at.
 * The one function for every absolute URL the blog publishes: feeds, canonical
 * links, OpenGraph, JSON-LD, the sitemap and robots.txt. A URL with a scheme
 * passes through unchanged; a scheme-relative one (`//cdn.example/a`) gets the
 * site's scheme (`https://cdn.example/a`), never the site's host. Non-ASCII
 * paths (`/tags/日本語/`) come out percent-encoded, as feed readers and
 * sitemaps expect. A page that is never written (`permalink: false`) has no
 * URL: the empty string.
 */
export function toAbsoluteUrl(path: string | false, siteUrl: string, pathPrefix = "/"): string {
  // `permalink: false` pages are still rendered, layout and head included, but never written
  // (https://www.11ty.dev/docs/permalinks/#permalink-false): their `page.url` is false and their head is thrown away.
  if (path === false) return "";
  if (SCHEME.test(path)) return path;
  const base = `${siteUrl.replace(/\/+$/, "")}/`;
  if (SCHEME_RELATIVE.test(path)) return new URL(path, base).href;
  return new URL(prefixSitePath(path, pathPrefix), base).href;
}

/** A percent-encoded URL part as text (`My%20Post.md` → `My Post.md`); a lone `%` that encodes nothing stays as written. */
export function decodeUrlPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
