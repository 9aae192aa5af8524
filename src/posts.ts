import { parseFrontMatterDate } from "./front-matter-schema.ts";

/** Tags Eleventy or this blog use for bookkeeping; never shown to readers. */
export const INTERNAL_TAGS: ReadonlySet<string> = new Set(["posts", "all"]);

/** A post's tags as a list, whether front matter wrote a string or a list, without internal tags. */
export function toTagList(tags: unknown): string[] {
  const list = typeof tags === "string" ? [tags] : Array.isArray(tags) ? tags : [];
  return list
    .filter((tag): tag is string => typeof tag === "string")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "" && !INTERNAL_TAGS.has(tag.toLowerCase()));
}

/**
 * The one newest-first order (home, archive, tag pages, feeds, related posts,
 * previous/next): newer date first; posts with the same date by URL
 * (`localeCompare`: `/posts/a/` before `/posts/b/`). Oldest first, as previous/next
 * and series read it, is exactly the reverse, so the post after another on the
 * home page is its "previous" post. README, "Writing posts".
 */
export function compareNewestFirst(a: { date: Date; url: string }, b: { date: Date; url: string }): number {
  return b.date.getTime() - a.date.getTime() || a.url.localeCompare(b.url);
}

/** A new array in `compareNewestFirst` order. */
export function sortNewestFirst<T extends { date: Date; url: string }>(items: readonly T[]): T[] {
  return [...items].sort(compareNewestFirst);
}

/**
 * A post's `updated` front matter as a Date, or undefined when it has none.
 * YAML reads `updated: 2024-03-19` as a Date but `updated: "2024-03-19"` as a
 * string; both pass validation, so everything that prints `updated` (Atom,
 * JSON Feed, the SEO head, the sitemap) reads it through here, never raw.
 * Same formats as the schema accepts (src/front-matter-schema.ts).
 */
export function toUpdatedDate(updated: unknown, inputPath?: string): Date | undefined {
  if (updated === undefined || updated === null || updated === "") return undefined;
  const date = parseFrontMatterDate(updated);
  if (!date) {
    throw new Error(`${inputPath ?? "A page"}: front matter "updated" must be a date such as 2024-03-18, got ${JSON.stringify(updated)}.`);
  }
  return date;
}
