import type { CollectionItem, UserConfig } from "@11ty/eleventy";
import { convertHtmlToAbsoluteUrls, dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import { toRfc822Date } from "../dates.ts";
import { toSummary } from "../excerpt.ts";
import { stripHeadingAnchors, toFeedUpdated, toJsonFeed, type EntryDates, type FeedMeta } from "../feeds.ts";
import { toUpdatedDate } from "../posts.ts";
import { site } from "../site.ts";
import { toAbsoluteUrl } from "../routes.ts";

/**
 * RSS 2.0, Atom and JSON Feed, site-wide and per tag. RFC 3339 dates and
 * absolute URLs in content come from the official
 * @11ty/eleventy-plugin-rss (https://www.11ty.dev/docs/plugins/rss/). Its
 * `addPlugin` form is not used because it also installs the HTML <base>
 * transform, which would prefix URLs that the `url` filter already prefixed.
 * Absolute URLs (`toAbsoluteUrl`), `toUpdatedDate` and `toTagNames` are the
 * filters every page uses (src/plugins/routes.ts, filters.ts, tags.ts).
 */
/** A post's published and (front matter `updated`, read the one way every page reads it) modified dates. */
function toEntryDates(post: CollectionItem): EntryDates {
  return { date: post.date, updated: toUpdatedDate(post.data.updated, post.inputPath) };
}

export function feedsPlugin(eleventyConfig: UserConfig): void {
  const absolute = (url: string) => toAbsoluteUrl(url, site.url, eleventyConfig.pathPrefix);

  // A post appears in the site feed and in one feed per tag: make its content feed-ready once per build.
  let feedContent = new Map<string, Promise<string>>();
  eleventyConfig.on("eleventy.before", () => {
    feedContent = new Map();
  });
  const toFeedContent = (post: CollectionItem): Promise<string> => {
    let html = feedContent.get(post.url);
    if (!html) {
      html = convertHtmlToAbsoluteUrls(stripHeadingAnchors(post.content ?? ""), absolute(post.url), { closingSingleTag: "slash" });
      feedContent.set(post.url, html);
    }
    return html;
  };

  // In the site's zone, never the build machine's: builds are identical everywhere.
  eleventyConfig.addFilter("dateToRfc822", (date: Date) => toRfc822Date(date, site.timeZone));
  eleventyConfig.addFilter("dateToRfc3339", dateToRfc3339);
  // Atom <updated> and RSS <lastBuildDate> of a feed, from the entries it holds (pass the feed's own posts).
  eleventyConfig.addFilter("toFeedUpdated", (posts: CollectionItem[]) => toFeedUpdated(posts.map(toEntryDates)));
  eleventyConfig.addFilter("toFeedPosts", (posts: CollectionItem[]) => posts.slice(0, site.feedSize));
  eleventyConfig.addAsyncFilter("toFeedContent", toFeedContent);
  // `images`: the socialImages collection (src/plugins/social-cards.ts), passed in by the template: a post's own image or card by URL.
  eleventyConfig.addAsyncFilter("toJsonFeed", async (posts: CollectionItem[], meta: FeedMeta, images?: { byUrl: ReadonlyMap<string, { url: string }> }) => {
    const toTagNames = eleventyConfig.getFilter("toTagNames") as (tags: unknown) => string[];
    const items = posts.slice(0, site.feedSize);
    const toAbsoluteImage = (image: { url: string } | undefined) => (image ? absolute(image.url) : undefined);
    const contents = await Promise.all(items.map(toFeedContent));
    return toJsonFeed(
      items.map((post, index) => ({
        url: absolute(post.url),
        title: String(post.data.title ?? ""),
        contentHtml: contents[index]!,
        summary: toSummary(post.data.description, post.content) || undefined,
        ...toEntryDates(post),
        tags: toTagNames(post.data.tags),
        image: toAbsoluteImage(images?.byUrl.get(post.url)),
      })),
      { ...meta, homePageUrl: absolute(meta.homePageUrl), feedUrl: absolute(meta.feedUrl) },
      { ...site, author: { ...site.author, ...(site.author.url ? { url: absolute(site.author.url) } : {}) } },
    );
  });
}
