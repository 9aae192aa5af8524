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

/** A new array, newest first; ties broken by URL so the order is the same on every build. */
export function sortNewestFirst<T extends { date: Date; url: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.date.getTime() - a.date.getTime() || a.url.localeCompare(b.url));
}
