import type { CollectionApi, UserConfig } from "@11ty/eleventy";
import type { BuildIndex } from "../build-index.ts";

export interface CollectionsPluginOptions {
  /** The per-build index (src/build-index.ts). */
  index: BuildIndex;
}

/** Collections built once per build, not recomputed per page. */
export function collectionsPlugin(eleventyConfig: UserConfig, options: CollectionsPluginOptions): void {
  // Every Markdown file under posts/ is a post (posts/posts.json also tags them `posts`); one with `permalink: false` has no page to list.
  // Post views (src/post-view.ts), in the one newest-first order (src/posts.ts `compareNewestFirst`).
  eleventyConfig.addCollection("postsNewestFirst", (api: CollectionApi) => options.index.posts(api, eleventyConfig.pathPrefix).newestFirst);
}
