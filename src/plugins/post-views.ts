import type { CollectionApi, UserConfig } from "@11ty/eleventy";
import type { BuildIndex } from "../build-index.ts";
import type { PostView, PostViewIndex } from "../post-view.ts";

export interface PostViewsPluginOptions {
  /** The per-build index (src/build-index.ts) that computes each post's view once per build. */
  index: BuildIndex;
}

/**
 * Registers the `postViews` collection (this build's post views, from the
 * build index) and `getPostView`, which looks a page's view up by URL
 * (undefined for pages that are not posts).
 */
export function postViewsPlugin(eleventyConfig: UserConfig, options: PostViewsPluginOptions): void {
  const { index } = options;
  eleventyConfig.addCollection("postViews", (api: CollectionApi) => index.posts(api, eleventyConfig.pathPrefix));
  eleventyConfig.addFilter("getPostView", (views: PostViewIndex, url: string): PostView | undefined => views.byUrl.get(url));
}
