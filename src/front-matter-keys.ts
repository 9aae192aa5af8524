/**
 * Which front matter keys a post may have, so that a typo (`drafts: true`,
 * `tag:`, `descripton:`, `Title:`) is an error with the key meant, instead of
 * a key Eleventy silently ignores while the intended draft is published.
 */

/** Keys this blog reads beyond the schema's own (src/front-matter-schema.ts): reader features and the sitemap. */
export const BLOG_KEYS: readonly string[] = ["series", "seriesPart", "sitemap", "image", "imageAlt"];

/**
 * Keys Eleventy itself reads from front matter.
 * https://www.11ty.dev/docs/data-configuration/ and https://www.11ty.dev/docs/data-eleventy-supplied/
 */
export const ELEVENTY_KEYS: readonly string[] = [
  "permalink",
  "permalinkBypassOutputDir",
  "dynamicPermalink",
  "eleventyComputed",
  "eleventyExcludeFromCollections",
  "eleventyImport",
  "eleventyNavigation",
  "eleventyDataSchema",
  "eleventyAllowMissingExtension",
  "pagination",
  "templateEngineOverride",
];

/**
 * YOUR OWN KEYS: add a key here to use it in your posts and layouts
 * (e.g. `"canonicalUrl"`); anything not listed, not in the schema and not
 * Eleventy's is reported as a probable typo. See README, "Front matter reference".
 */
export const CUSTOM_KEYS: readonly string[] = [];

/** Levenshtein distance, case-insensitive: `Title` is 0 from `title`. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** The known key an unknown one most likely meant, when it is close enough to be a typo. */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  let best: { key: string; score: number } | undefined;
  for (const key of known) {
    const score = distance(unknown, key);
    if (score <= Math.max(1, Math.floor(key.length / 3)) && (!best || score < best.score)) best = { key, score };
  }
  return best?.key;
}

/** Keys of a post's front matter that no one reads, each with the key it probably meant. */
export function findUnknownKeys(data: Readonly<Record<string, unknown>>, schemaKeys: readonly string[]): Array<{ key: string; suggestion?: string }> {
  const known = [...schemaKeys, ...BLOG_KEYS, ...ELEVENTY_KEYS, ...CUSTOM_KEYS];
  const knownSet = new Set(known);
  return Object.keys(data)
    .filter((key) => !knownSet.has(key))
    .map((key) => {
      const suggestion = suggestKey(key, known);
      return suggestion ? { key, suggestion } : { key };
    });
}
