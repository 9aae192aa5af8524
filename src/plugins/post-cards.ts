import type { CollectionItem, UserConfig } from "@11ty/eleventy";
import { toIsoDate, toReadableDate } from "../dates.ts";
import { toSummary } from "../excerpt.ts";
import { tagPageUrl } from "../routes.ts";
import { site } from "../site.ts";

/** A post as listings show it (home, tag pages): everything formatted once. */
export interface PostCard {
  href: string;
  title: string;
  isoDate: string;
  readableDate: string;
  summary: string;
  tags: Array<{ name: string; href: string }>;
}

/**
 * `toPostCard`: listing data for a post, computed once per post per build.
 * A post appears on the home page, on several tag pages and their pages; at
 * thousands of posts, formatting its date, excerpt, URL and tags on every
 * appearance cost seconds.
 */
export function postCardsPlugin(eleventyConfig: UserConfig): void {
  let cards = new Map<string, PostCard>();
  eleventyConfig.on("eleventy.before", () => {
    cards = new Map();
  });

  eleventyConfig.addFilter("toPostCard", (post: CollectionItem): PostCard => {
    let card = cards.get(post.url);
    if (!card) {
      const url = eleventyConfig.getFilter("url");
      const tagLinks = eleventyConfig.getFilter("toTagLinks")(post.data.tags) as Array<{ name: string; slug: string }>;
      const description = post.data.description;
      card = {
        href: String(url(post.url)),
        title: String(post.data.title ?? ""),
        isoDate: toIsoDate(post.date, site.timeZone),
        readableDate: toReadableDate(post.date, site.timeZone, site.language),
        // Rendered content: listings declare `eleventyImport.collections: ["posts"]` so posts render first.
        summary: toSummary(description, post.content),
        tags: tagLinks.map((tag) => ({ name: tag.name, href: String(url(tagPageUrl(tag.slug))) })),
      };
      cards.set(post.url, card);
    }
    return card;
  });
}
