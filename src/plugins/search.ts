import { resolve } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { indexedPagesOf, writeSearchIndex } from "../search-index.ts";

/**
 * Full-text search with Pagefind (https://pagefind.app/docs/node-api/),
 * indexed after every build from the written HTML into `<output>/pagefind/`
 * (src/search-index.ts). Only elements marked `data-pagefind-body` (the post
 * article) are indexed, so listings, tag pages and the search page itself
 * never show up as results. When no post page changed since the last index,
 * the index kept in `.cache/search/` is copied instead of indexing again.
 */
export interface SearchOptions {
  /** Build the index (default). Off (SEARCH_INDEX=off) for quick builds and tests that do not search: /search/ then finds nothing. */
  index?: boolean;
  /** The site language Pagefind stems for (`site.language`). */
  language: string;
  /** Where the last index is kept between builds; default `.cache/search` in the folder Eleventy runs in (the project root). */
  cacheDir?: string;
}

export function searchPlugin(eleventyConfig: UserConfig, options: SearchOptions): void {
  let builds = 0;
  eleventyConfig.on("eleventy.after", async ({ results, directories, outputMode, runMode }) => {
    // `npm run check` builds in memory (toJSON): nothing to index.
    if (options.index === false || outputMode !== "fs") return;
    // Under `npm start`, index once (from the cache when no post changed since): indexing again on each save would hold up the reload; `npm run build` is always current.
    if (runMode !== "build" && builds++ > 0) return;
    await writeSearchIndex({
      output: directories.output,
      // Posts only, from the pages just written: their HTML is what the index is made of, and what its fingerprint hashes.
      pages: indexedPagesOf(results, directories.output),
      cacheDir: resolve(options.cacheDir ?? ".cache/search"),
      language: options.language,
    });
  });
}
