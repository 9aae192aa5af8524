import type { CollectionApi, UserConfig } from "@11ty/eleventy";
import { sortNewestFirst } from "../posts.ts";

/** Collections built once per build, not recomputed per page. */
export function collectionsPlugin(eleventyConfig: UserConfig): void {
  // Every Markdown file under posts/ is a post (posts/posts.json also tags them `posts`).
  eleventyConfig.addCollection("postsNewestFirst", (api: CollectionApi) => sortNewestFirst(api.getFilteredByTag("posts")));
}
