import type { CollectionApi, UserConfig } from "@11ty/eleventy";
import { paginateTags } from "../tags.ts";
import type { PostViews } from "./post-views.ts";

export interface TagsPluginOptions {
  /** The per-build post views (src/plugins/post-views.ts), which hold the tag index. */
  views: PostViews;
  /** Posts per tag page (`site.tagPageSize`). */
  pageSize: number;
}

/**
 * Tag collections, computed once per build from the post views:
 * - `tagList`: every tag with its slug and posts (post views), by name (the tag index, feeds per tag);
 * - `tagPages`: those posts in pages of `pageSize` (one template paginates over it).
 * A post's own tags (with their URLs) are on its view: `view.tags`, `view.tagNames`.
 */
export function tagsPlugin(eleventyConfig: UserConfig, options: TagsPluginOptions): void {
  const tags = (api: CollectionApi) => options.views.get(api, eleventyConfig.pathPrefix).tags;
  eleventyConfig.addCollection("tagList", (api: CollectionApi) => tags(api));
  eleventyConfig.addCollection("tagPages", (api: CollectionApi) => paginateTags(tags(api), options.pageSize));
}
