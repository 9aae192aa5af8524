import type { CollectionApi, UserConfig } from "@11ty/eleventy";
import type { PostViews } from "./post-views.ts";

export interface CollectionsPluginOptions {
  /** The per-build post views (src/plugins/post-views.ts). */
  views: PostViews;
}

/** Collections built once per build, not recomputed per page. */
export function collectionsPlugin(eleventyConfig: UserConfig, options: CollectionsPluginOptions): void {
  // Every Markdown file under posts/ is a post (posts/posts.json also tags them `posts`); one with `permalink: false` has no page to list.
  // Post views (src/post-view.ts), in the one newest-first order (src/posts.ts `compareNewestFirst`).
  eleventyConfig.addCollection("postsNewestFirst", (api: CollectionApi) => options.views.get(api, eleventyConfig.pathPrefix).newestFirst);
}
