import { join } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import * as pagefind from "pagefind";
import { site } from "../site.ts";

/**
 * Full-text search with Pagefind (https://pagefind.app/docs/node-api/),
 * indexed after every build from the written HTML into `<output>/pagefind/`.
 * Only elements marked `data-pagefind-body` (the post article) are indexed,
 * so listings, tag pages and the search page itself never show up as results.
 */
export interface SearchOptions {
  /** Build the index (default). Off (SEARCH_INDEX=off) for quick builds and tests that do not search: /search/ then finds nothing. */
  index?: boolean;
}

export function searchPlugin(eleventyConfig: UserConfig, options: SearchOptions = {}): void {
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }) => {
    // `npm run check` builds in memory (toJSON): nothing to index.
    if (options.index === false || outputMode !== "fs") return;
    const output = directories.output;
    const { index, errors } = await pagefind.createIndex({ forceLanguage: site.language });
    try {
      if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
      const added = await index.addDirectory({ path: output });
      if (added.errors.length) throw new Error(`Pagefind could not index ${output}: ${added.errors.join("; ")}`);
      const written = await index.writeFiles({ outputPath: join(output, "pagefind") });
      if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    } finally {
      await pagefind.close();
    }
  });
}
