import { toTagList, toUpdatedDate } from "./posts.ts";
import type { SiteData } from "./site.ts";

/**
 * Serialises a JSON-LD object for a `<script type="application/ld+json">`
 * block. `<` becomes `\u003c` (still the same JSON string) so a title such
 * as `</script><script>…` cannot close the block: see
 * https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements
 */
export function toJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** `updated` front matter (a YAML date or a quoted date string) when given, else `date`. */
export function toLastModified(data: { updated?: unknown; inputPath?: string }, date: Date): Date {
  return toUpdatedDate(data.updated, data.inputPath) ?? date;
}

export interface BlogPostingInput {
  title: string;
  description: string;
  /** Absolute URL of the post. */
  url: string;
  date: Date;
  updated?: Date;
  /** The post's tags in the tag index's spelling (the `toTagNames` filter). */
  tags?: unknown;
  /** The image the post is shared with (its own, its card or the site card), with an absolute URL. */
  image?: { url: string; width: number; height: number };
}

/**
 * https://schema.org/BlogPosting, with the fields Google's Article structured
 * data reads. `absolute` turns site paths (the author's page, the home page)
 * into absolute URLs under the path prefix.
 */
export function toBlogPosting(post: BlogPostingInput, site: SiteData, absolute: (path: string) => string): Record<string, unknown> {
  const author = { "@type": "Person", name: site.author.name, ...(site.author.url ? { url: absolute(site.author.url) } : {}) };
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
    publisher: { "@type": "Organization", name: site.title, url: absolute("/") },
    inLanguage: site.language,
    ...(tags.length ? { keywords: tags } : {}),
    // Google's Article structured data wants an image; an ImageObject carries its size (https://schema.org/ImageObject).
    ...(post.image ? { image: { "@type": "ImageObject", url: post.image.url, width: post.image.width, height: post.image.height } } : {}),
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
 * newest post's date. `listings` (from `toListingSitemapEntries`) add pages
 * missing from `pages` and replace those present.
 */
export function toSitemapEntries(pages: readonly SitemapCandidate[], listings: readonly SitemapEntry[] = []): SitemapEntry[] {
  const listed = pages.filter((page): page is SitemapCandidate & { url: string } =>
    typeof page.url === "string" && (page.url.endsWith("/") || page.url.endsWith(".html")) && page.data.draft !== true && page.data.sitemap !== false);
  let newestPost: Date | undefined;
  for (const page of listed) {
    if (page.data.isPost !== true) continue;
    const modified = toLastModified({ updated: page.data.updated, inputPath: page.inputPath }, page.date);
    if (!newestPost || modified > newestPost) newestPost = modified;
  }
  const entries = new Map<string, SitemapEntry>();
  for (const page of listed) {
    const fallback = page.data.isPost === true ? page.date : newestPost ?? page.date;
    entries.set(page.url, { url: page.url, lastModified: toLastModified({ updated: page.data.updated, inputPath: page.inputPath }, fallback) });
  }
  for (const listing of listings) entries.set(listing.url, listing);
  return [...entries.values()].sort((a, b) => a.url.localeCompare(b.url));
}

/** What a sitemap needs from a post listed on a listing page. */
export interface ListedPost {
  date: Date;
  inputPath: string;
  data: { updated?: unknown };
}

/**
 * One sitemap entry per paginated listing page (every page of every tag, which
 * Eleventy leaves out of `collections.all` because the tag template sets
 * `addAllPagesToCollections: false`). A tag's pages change when one of its
 * posts does: they are last modified at that tag's newest change, computed
 * once per tag, not once per page.
 */
export function toListingSitemapEntries<P extends ListedPost>(pages: readonly { url: string; tag: { posts: readonly P[] } }[]): SitemapEntry[] {
  const newestByTag = new Map<object, Date>();
  return pages.map((page) => {
    let newest = newestByTag.get(page.tag);
    if (!newest) {
      newest = new Date(0);
      for (const post of page.tag.posts) {
        const modified = toLastModified({ updated: post.data.updated, inputPath: post.inputPath }, post.date);
        if (modified > newest) newest = modified;
      }
      newestByTag.set(page.tag, newest);
    }
    return { url: page.url, lastModified: newest };
  });
}
