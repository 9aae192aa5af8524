import type { CollectionApi, UserConfig } from "@11ty/eleventy";
import { paginateTags } from "../tags.ts";
import type { BuildIndex } from "../build-index.ts";

export interface TagsPluginOptions {
  /** The per-build index (src/build-index.ts), which holds the post views and the tag index. */
  index: BuildIndex;
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
  const tags = (api: CollectionApi) => options.index.posts(api, eleventyConfig.pathPrefix).tags;
  eleventyConfig.addCollection("tagList", (api: CollectionApi) => tags(api));
  eleventyConfig.addCollection("tagPages", (api: CollectionApi) => paginateTags(tags(api), options.pageSize));
}
