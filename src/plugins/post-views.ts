import type { CollectionApi, CollectionItem, UserConfig } from "@11ty/eleventy";
import { createFrontMatterSchema, type PostFrontMatter } from "../front-matter-schema.ts";
import { buildPostViews, type PostView, type PostViewIndex } from "../post-view.ts";
import type { SiteData } from "../site.ts";
import { getWrittenPosts } from "../unwritten-posts.ts";

/**
 * The one per-build index of post views (src/post-view.ts). eleventy.config.ts
 * creates it and hands it to every plugin that shows posts (collections, tags,
 * feeds, reader, SEO, social cards, search), so each post's view is computed
 * once per build, whichever collection asks first, and no plugin reaches into
 * another's filters.
 */
export class PostViews {
  #index: PostViewIndex | undefined;
  readonly #schema = createFrontMatterSchema();
  constructor(readonly site: Pick<SiteData, "url" | "timeZone" | "language">) {}

  /** Forget the previous build's views (`eleventy.before`). */
  reset(): void {
    this.#index = undefined;
  }

  /** This build's views, computed on first call from the written posts. */
  get(api: Pick<CollectionApi, "getFilteredByTag">, pathPrefix: string): PostViewIndex {
    this.#index ??= buildPostViews(getWrittenPosts(api).map((post) => ({
      url: post.url,
      inputPath: post.inputPath,
      frontMatter: this.#read(post),
      markdown: post.rawInput ?? "",
      // Rendered content: templates that read it declare `eleventyImport.collections: ["posts"]`, so posts render first.
      html: () => post.content,
    })), { siteUrl: this.site.url, pathPrefix, timeZone: this.site.timeZone, language: this.site.language });
    return this.#index;
  }

  /** The views of the last build, for `eleventy.after` handlers (search). */
  get current(): PostViewIndex | undefined {
    return this.#index;
  }

  /**
   * The schema's coerced output for the data Eleventy parsed. The validation
   * plugin has already reported every bad post (with its line) before Eleventy
   * read any, so this only fails for data added later in the cascade.
   */
  #read(post: CollectionItem): PostFrontMatter {
    const result = this.#schema.safeParse(post.data);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    throw new Error(`${post.inputPath}: front matter "${issue.path.join(".")}" ${issue.message}`);
  }
}

export interface PostViewsPluginOptions {
  views: PostViews;
}

/**
 * Registers the `postViews` collection (the per-build index) and
 * `getPostView`, which looks a page's view up by URL (undefined for pages that
 * are not posts).
 */
export function postViewsPlugin(eleventyConfig: UserConfig, options: PostViewsPluginOptions): void {
  const { views } = options;
  eleventyConfig.on("eleventy.before", () => views.reset());
  eleventyConfig.addCollection("postViews", (api: CollectionApi) => views.get(api, eleventyConfig.pathPrefix));
  eleventyConfig.addFilter("getPostView", (index: PostViewIndex, url: string): PostView | undefined => index.byUrl.get(url));
}
