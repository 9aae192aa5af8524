import type { CollectionApi, UserConfig } from "@11ty/eleventy";
import { sortNewestFirst } from "../posts.ts";
import { getWrittenPosts } from "../unwritten-posts.ts";

/** Collections built once per build, not recomputed per page. */
export function collectionsPlugin(eleventyConfig: UserConfig): void {
  // Every Markdown file under posts/ is a post (posts/posts.json also tags them `posts`); one with `permalink: false` has no page to list.
  eleventyConfig.addCollection("postsNewestFirst", (api: CollectionApi) => sortNewestFirst(getWrittenPosts(api)));
}
