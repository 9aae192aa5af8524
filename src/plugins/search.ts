import { join } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import * as pagefind from "pagefind";
import type { PostViews } from "./post-views.ts";

/**
 * Full-text search with Pagefind (https://pagefind.app/docs/node-api/),
 * indexed after every build from the written HTML into `<output>/pagefind/`.
 * Only elements marked `data-pagefind-body` (the post article) are indexed,
 * so listings, tag pages and the search page itself never show up as results.
 */
export interface SearchOptions {
  /** Build the index (default). Off (SEARCH_INDEX=off) for quick builds and tests that do not search: /search/ then finds nothing. */
  index?: boolean;
  /** The per-build post views (src/plugins/post-views.ts): a result's URL is its post's `href`. */
  views: PostViews;
  /** The site language Pagefind stems for (`site.language`). */
  language: string;
}

const BATCH_SIZE = 100;

export function searchPlugin(eleventyConfig: UserConfig, options: SearchOptions): void {
  let builds = 0;
  eleventyConfig.on("eleventy.after", async ({ results, directories, outputMode, runMode }) => {
    // `npm run check` builds in memory (toJSON): nothing to index.
    if (options.index === false || outputMode !== "fs") return;
    // Under `npm start`, index once: re-indexing every post on each save would take seconds; `npm run build` is always current.
    if (runMode !== "build" && builds++ > 0) return;
    const views = options.views.current;
    // Posts only, from memory: the pages just written, without reading the output folder back.
    const posts = results.filter((page) => typeof page.url === "string" && page.content.includes("data-pagefind-body"));
    // The byline (date, author, reading time) is on every post: indexed, "invisible" or "team" would find them all, and it would open every snippet.
    const { index, errors } = await pagefind.createIndex({ forceLanguage: options.language });
    try {
      if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
      // In batches: all at once would queue every page's HTML for Pagefind's process at the same time (hundreds of MB at 4,000 posts).
      const failed: string[] = [];
      for (let start = 0; start < posts.length; start += BATCH_SIZE) {
        const batch = posts.slice(start, start + BATCH_SIZE);
        const added = await Promise.all(batch.map((page) => index.addHTMLFile({ url: views?.byUrl.get(String(page.url))?.href ?? String(page.url), content: page.content })));
        added.forEach((result, i) => failed.push(...result.errors.map((error) => `${batch[i]!.inputPath}: ${error}`)));
      }
      if (failed.length) throw new Error(`Pagefind could not index:\n${failed.join("\n")}`);
      const written = await index.writeFiles({ outputPath: join(directories.output, "pagefind") });
      if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    } finally {
      await pagefind.close();
    }
  });
}
