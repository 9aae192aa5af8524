import type { CollectionApi, UserConfig } from "@11ty/eleventy";
import { groupPostsByYear } from "../archive.ts";
import { buildPostNavigation, type PostNavigation, type Series } from "../post-navigation.ts";
import type { PostView } from "../post-view.ts";
import { buildRelatedPosts, RELATED_POST_COUNT } from "../related-posts.ts";
import { toTableOfContents, type TocEntry } from "../toc.ts";
import type { BuildIndex } from "../build-index.ts";

/** Everything a post page shows about its neighbours, computed once per build and keyed by URL. Posts are post views (src/post-view.ts). */
export interface ReaderIndex {
  navigation: Map<string, PostNavigation<PostView> & { series?: Series<PostView> }>;
  related: Map<string, PostView[]>;
  /** Every post, newest first, for the archive. */
  all: PostView[];
}

export function buildReaderIndex(posts: readonly PostView[]): ReaderIndex {
  const navigation = buildPostNavigation(posts);
  // A related post is never the previous or next post, which the page links right below:
  // rank a few more and drop those.
  const related = new Map<string, PostView[]>();
  for (const [url, list] of buildRelatedPosts(posts, RELATED_POST_COUNT + 2)) {
    const neighbours = navigation.get(url);
    const others = list.filter((post) => post.url !== neighbours?.previous?.url && post.url !== neighbours?.next?.url);
    related.set(url, others.slice(0, RELATED_POST_COUNT));
  }
  return { navigation, related, all: [...posts] };
}

export interface ReaderPluginOptions {
  /** The per-build index (src/build-index.ts). */
  index: BuildIndex;
  /** The zone years are counted in (`site.timeZone`). */
  timeZone: string;
}

/**
 * Reader features around a post: previous/next, series, related posts, table
 * of contents, and the archive's year groups. The `readerIndex` collection is
 * built once per build from the post views; the filters only look a URL up.
 * Reading time and the post's own series position are on its view.
 */
export function readerPlugin(eleventyConfig: UserConfig, options: ReaderPluginOptions): void {
  eleventyConfig.addCollection("readerIndex", (api: CollectionApi) => buildReaderIndex(options.index.posts(api, eleventyConfig.pathPrefix).newestFirst));

  eleventyConfig.addFilter("getPostNavigation", (index: ReaderIndex, url: string) => index.navigation.get(url) ?? {});
  eleventyConfig.addFilter("getRelatedPosts", (index: ReaderIndex, url: string) => index.related.get(url) ?? []);
  eleventyConfig.addFilter("toTableOfContents", (entries: TocEntry[] | undefined) => toTableOfContents(entries));
  eleventyConfig.addFilter("groupPostsByYear", (index: ReaderIndex) => groupPostsByYear(index.all, options.timeZone));
}
