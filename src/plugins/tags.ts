import type { CollectionApi, CollectionItem, UserConfig } from "@11ty/eleventy";
import { toTagList } from "../posts.ts";
import { site } from "../site.ts";
import { buildTags, paginateTags, toTagKey, toTagSlug, type Tag } from "../tags.ts";

export interface TagLink {
  name: string;
  slug: string;
}

/**
 * Tag collections, computed once per build:
 * - `tagList`: every tag with its slug and posts, by name (the tag index, feeds per tag);
 * - `tagPages`: those posts in pages of `site.tagPageSize` (one template paginates over it).
 * Post pages look their tags up here instead of scanning the posts again.
 */
export function tagsPlugin(eleventyConfig: UserConfig): void {
  let tags: Tag<CollectionItem>[] | undefined;
  let byKey = new Map<string, Tag<CollectionItem>>();

  const getTags = (api: CollectionApi): Tag<CollectionItem>[] => {
    if (!tags) {
      tags = buildTags(api.getFilteredByTag("posts"));
      byKey = new Map(tags.map((tag) => [toTagKey(tag.name), tag]));
    }
    return tags;
  };
  // Collections are rebuilt on every (re)build; drop the previous build's tags first.
  eleventyConfig.on("eleventy.before", () => {
    tags = undefined;
  });

  eleventyConfig.addCollection("tagList", (api: CollectionApi) => getTags(api));
  eleventyConfig.addCollection("tagPages", (api: CollectionApi) => paginateTags(getTags(api), site.tagPageSize));

  /** A post's tags as links, in the spelling and slug of the tag index. */
  eleventyConfig.addFilter("toTagLinks", (postTags: unknown): TagLink[] =>
    toTagList(postTags).map((spelling) => {
      // A post outside collections (a draft under `npm start`, say) may use a tag no listed post uses.
      const tag = byKey.get(toTagKey(spelling));
      return tag ? { name: tag.name, slug: tag.slug } : { name: spelling, slug: toTagSlug(spelling) };
    }),
  );
}
