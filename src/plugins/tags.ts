import type { CollectionApi, CollectionItem, UserConfig } from "@11ty/eleventy";
import { site } from "../site.ts";
import { buildTags, paginateTags, toPostTagLinks, toTagKey, type Tag, type TagLink } from "../tags.ts";
import { getWrittenPosts } from "../unwritten-posts.ts";

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
      tags = buildTags(getWrittenPosts(api));
      byKey = new Map(tags.map((tag) => [toTagKey(tag.name), tag]));
    }
    return tags;
  };
  // A post's tags are shown on its page, in lists and in every feed it is in: resolve them once per post.
  let linksByList = new WeakMap<object, TagLink[]>();
  let linksByString = new Map<string, TagLink[]>();
  const toTagLinks = (postTags: unknown): TagLink[] => {
    const isList = typeof postTags === "object" && postTags !== null;
    let links = isList ? linksByList.get(postTags) : linksByString.get(String(postTags));
    if (!links) {
      links = toPostTagLinks(postTags, byKey);
      if (isList) linksByList.set(postTags, links);
      else linksByString.set(String(postTags), links);
    }
    return links;
  };
  const namesByLinks = new WeakMap<TagLink[], string[]>();
  const toTagNames = (postTags: unknown): string[] => {
    const links = toTagLinks(postTags);
    let names = namesByLinks.get(links);
    if (!names) {
      names = links.map((link) => link.name);
      namesByLinks.set(links, names);
    }
    return names;
  };

  // Collections are rebuilt on every (re)build; drop the previous build's tags first.
  eleventyConfig.on("eleventy.before", () => {
    tags = undefined;
    linksByList = new WeakMap();
    linksByString = new Map();
  });

  eleventyConfig.addCollection("tagList", (api: CollectionApi) => getTags(api));
  eleventyConfig.addCollection("tagPages", (api: CollectionApi) => paginateTags(getTags(api), site.tagPageSize));

  /** A post's tags as links, each once, in the spelling and slug of the tag index. */
  eleventyConfig.addFilter("toTagLinks", toTagLinks);
  /** The same tags' names: feed categories, JSON Feed tags, `article:tag`, JSON-LD keywords. */
  eleventyConfig.addFilter("toTagNames", toTagNames);
}
