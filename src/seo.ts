import { toTagList } from "./posts.ts";
import type { SiteData } from "./site.ts";

/**
 * An absolute URL from a site path (already carrying Eleventy's pathPrefix,
 * i.e. passed through the `url` filter first) and the site origin. Non-ASCII
 * paths come out percent-encoded, as sitemaps and canonical links require.
 */
export function toAbsoluteUrl(path: string, origin: string): string {
  return new URL(path, `${origin.replace(/\/+$/, "")}/`).href;
}

/**
 * Serialises a JSON-LD object for a `<script type="application/ld+json">`
 * block. `<` becomes `\u003c` (still the same JSON string) so a title such
 * as `</script><script>…` cannot close the block: see
 * https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements
 */
export function toJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** `updated` front matter (a YAML date or an ISO string) when given, else the publication date. */
export function toLastModified(data: { updated?: unknown; inputPath?: string }, date: Date): Date {
  const { updated } = data;
  if (updated === undefined || updated === null || updated === "") return date;
  const parsed = updated instanceof Date ? updated : typeof updated === "string" ? new Date(updated) : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) {
    throw new Error(`${data.inputPath ?? "A page"}: front matter "updated" must be a date such as 2024-03-18, got ${JSON.stringify(updated)}.`);
  }
  return parsed;
}

export interface BlogPostingInput {
  title: string;
  description: string;
  /** Absolute URL of the post. */
  url: string;
  date: Date;
  updated?: Date;
  tags?: unknown;
}

/** https://schema.org/BlogPosting, with the fields Google's Article structured data reads. */
export function toBlogPosting(post: BlogPostingInput, site: SiteData): Record<string, unknown> {
  const author = { "@type": "Person", name: site.author.name, ...(site.author.url ? { url: site.author.url } : {}) };
  const tags = toTagList(post.tags);
  return {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: post.title,
    description: post.description,
    url: post.url,
    mainEntityOfPage: { "@type": "WebPage", "@id": post.url },
    datePublished: post.date.toISOString(),
    dateModified: (post.updated ?? post.date).toISOString(),
    author,
    publisher: { "@type": "Organization", name: site.title, url: `${site.url}/` },
    inLanguage: site.language,
    ...(tags.length ? { keywords: tags } : {}),
  };
}

/** What the sitemap needs from a page. */
export interface SitemapCandidate {
  url: string | false;
  date: Date;
  inputPath: string;
  /** Front matter: `isPost`, `draft`, `sitemap` (false to leave a page out), `updated`. */
  data: Record<string, unknown>;
}

export interface SitemapEntry {
  url: string;
  lastModified: Date;
}

/**
 * Every HTML page readers can land on, for sitemap.xml: not feeds or
 * stylesheets, not drafts, not pages with `sitemap: false`. Posts are last
 * modified at `updated` or their date; other pages (home, archive, tag
 * pages) change whenever a post is published, so they take `updated` or the
 * newest post's date.
 */
export function toSitemapEntries(pages: readonly SitemapCandidate[]): SitemapEntry[] {
  const listed = pages.filter((page): page is SitemapCandidate & { url: string } =>
    typeof page.url === "string" && (page.url.endsWith("/") || page.url.endsWith(".html")) && page.data.draft !== true && page.data.sitemap !== false);
  let newestPost: Date | undefined;
  for (const page of listed) {
    if (page.data.isPost !== true) continue;
    const modified = toLastModified({ ...page.data, inputPath: page.inputPath }, page.date);
    if (!newestPost || modified > newestPost) newestPost = modified;
  }
  return listed
    .map((page) => {
      const fallback = page.data.isPost === true ? page.date : newestPost ?? page.date;
      return { url: page.url, lastModified: toLastModified({ ...page.data, inputPath: page.inputPath }, fallback) };
    })
    .sort((a, b) => a.url.localeCompare(b.url));
}
