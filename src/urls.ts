/**
 * An absolute URL for a site path (`/posts/a/`, as in `page.url`, without the
 * path prefix), under the origin and the path prefix the site is deployed at.
 * The one function for every absolute URL the blog publishes: feeds, canonical
 * links, OpenGraph, JSON-LD, the sitemap and robots.txt. Absolute URLs pass
 * through unchanged. Non-ASCII paths (`/tags/日本語/`) come out
 * percent-encoded, as feed readers and sitemaps expect. A page that is
 * never written (`permalink: false`) has no URL: the empty string.
 */
export function toAbsoluteUrl(path: string | false, siteUrl: string, pathPrefix = "/"): string {
  // `permalink: false` pages are still rendered, layout and head included, but never written
  // (https://www.11ty.dev/docs/permalinks/#permalink-false): their `page.url` is false and their head is thrown away.
  if (path === false) return "";
  if (/^[a-z][a-z\d+.-]*:/i.test(path)) return path;
  const prefix = `/${pathPrefix.replace(/^\/+|\/+$/g, "")}/`.replace("//", "/");
  const joined = prefix + path.replace(/^\/+/, "");
  return new URL(joined, `${siteUrl.replace(/\/+$/, "")}/`).href;
}
