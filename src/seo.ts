import { toUpdatedDate } from "./posts.ts";
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

/** What JSON-LD shows of a post: its view (src/post-view.ts), the head's description and its share image. */
export interface BlogPostingInput {
  title: string;
  description: string;
  /** Absolute URL of the post. */
  absoluteUrl: string;
  date: Date;
  /** `updated ?? date` (the view's `lastModified`). */
  lastModified: Date;
  /** The post's tags in the tag index's spelling (the view's `tagNames`). */
  tagNames: readonly string[];
  /** The image the post is shared with (its own, its card or the site card), with an absolute URL. */
  image?: { url: string; width: number; height: number } | undefined;
}

/**
 * https://schema.org/BlogPosting, with the fields Google's Article structured
 * data reads. `absolute` turns site paths (the author's page, the home page)
 * into absolute URLs under the path prefix.
 */
/** What JSON-LD says about the site (src/site.ts). */
export type SeoSite = Pick<SiteData, "title" | "language" | "author">;

export function toBlogPosting(post: BlogPostingInput, site: SeoSite, absolute: (path: string) => string): Record<string, unknown> {
  const author = { "@type": "Person", name: site.author.name, ...(site.author.url ? { url: absolute(site.author.url) } : {}) };
  const tags = post.tagNames;
  return {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: post.title,
    description: post.description,
    url: post.absoluteUrl,
    mainEntityOfPage: { "@type": "WebPage", "@id": post.absoluteUrl },
    datePublished: post.date.toISOString(),
    dateModified: post.lastModified.toISOString(),
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
  /** Front matter of pages that are not posts: `draft`, `sitemap` (false to leave a page out), `updated`. */
  data: Record<string, unknown>;
}

export interface SitemapEntry {
  url: string;
  lastModified: Date;
}

/**
 * Every HTML page readers can land on, for sitemap.xml: not feeds or
 * stylesheets, not drafts, not pages with `sitemap: false`. Posts are last
 * modified at their view's `lastModified` (`updated ?? date`, src/post-view.ts);
 * other pages (home, archive, tag pages) change whenever a post is published,
 * so they take their own `updated` or the newest listed post's last modified.
 * `listings` (from `toListingSitemapEntries`) add pages missing from `pages`
 * and replace those present.
 */
export function toSitemapEntries(pages: readonly SitemapCandidate[], posts: ReadonlyMap<string, { lastModified: Date }>, listings: readonly SitemapEntry[] = []): SitemapEntry[] {
  const listed = pages.filter((page): page is SitemapCandidate & { url: string } =>
    typeof page.url === "string" && (page.url.endsWith("/") || page.url.endsWith(".html")) && page.data.draft !== true && page.data.sitemap !== false);
  let newestPost: Date | undefined;
  for (const page of listed) {
    const modified = posts.get(page.url)?.lastModified;
    if (modified && (!newestPost || modified > newestPost)) newestPost = modified;
  }
  const entries = new Map<string, SitemapEntry>();
  for (const page of listed) {
    const lastModified = posts.get(page.url)?.lastModified ?? toUpdatedDate(page.data.updated, page.inputPath) ?? newestPost ?? page.date;
    entries.set(page.url, { url: page.url, lastModified });
  }
  for (const listing of listings) entries.set(listing.url, listing);
  return [...entries.values()].sort((a, b) => a.url.localeCompare(b.url));
}

/**
 * One sitemap entry per paginated listing page (every page of every tag, which
 * Eleventy leaves out of `collections.all` because the tag template sets
 * `addAllPagesToCollections: false`). A tag's pages change when one of its
 * posts does: they are last modified at that tag's newest `lastModified`,
 * computed once per tag, not once per page.
 */
export function toListingSitemapEntries(pages: readonly { url: string; tag: { posts: readonly { lastModified: Date }[] } }[]): SitemapEntry[] {
  const newestByTag = new Map<object, Date>();
  return pages.map((page) => {
    let newest = newestByTag.get(page.tag);
    if (!newest) {
      newest = new Date(0);
      for (const post of page.tag.posts) if (post.lastModified > newest) newest = post.lastModified;
      newestByTag.set(page.tag, newest);
    }
    return { url: page.url, lastModified: newest };
  });
}
