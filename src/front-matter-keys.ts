import { nearestName } from "./nearest-name.ts";

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

/** Keys of a post's front matter that no one reads, each with the key it probably meant. */
export function findUnknownKeys(data: Readonly<Record<string, unknown>>, schemaKeys: readonly string[]): Array<{ key: string; suggestion?: string }> {
  const known = [...schemaKeys, ...BLOG_KEYS, ...ELEVENTY_KEYS, ...CUSTOM_KEYS];
  const knownSet = new Set(known);
  return Object.keys(data)
    .filter((key) => !knownSet.has(key))
    .map((key) => {
      const suggestion = nearestName(key, known);
      return suggestion ? { key, suggestion } : { key };
    });
}
