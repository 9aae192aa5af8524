import type { UserConfig } from "@11ty/eleventy";
import { convertHtmlToAbsoluteUrls, dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import { toRfc822Date } from "../dates.ts";
import { stripHeadingAnchors, toFeedUpdated, toJsonFeed, type FeedMeta, type FeedSite } from "../feeds.ts";
import type { PostView } from "../post-view.ts";
import type { BuildIndex } from "../build-index.ts";
import { toAbsoluteUrl } from "../routes.ts";

export interface FeedsPluginOptions {
  /** The site's metadata, as feeds publish it (`site`, passed in by eleventy.config.ts). */
  site: FeedSite & { url: string; timeZone: string; feedSize: number };
  /** The per-build index (src/build-index.ts): each post's feed-ready content, made once per build. */
  index: BuildIndex;
}

/**
 * RSS 2.0, Atom and JSON Feed, site-wide and per tag, from post views
 * (src/post-view.ts): title, absolute URL, dates, last modified, summary and
 * tags are the view's. RFC 3339 dates and absolute URLs in content come from
 * the official @11ty/eleventy-plugin-rss (https://www.11ty.dev/docs/plugins/rss/).
 * Its `addPlugin` form is not used because it also installs the HTML <base>
 * transform, which would prefix URLs that the `url` filter already prefixed.
 */
export function feedsPlugin(eleventyConfig: UserConfig, options: FeedsPluginOptions): void {
  const { site, index } = options;
  const absolute = (url: string) => toAbsoluteUrl(url, site.url, eleventyConfig.pathPrefix);

  // A post appears in the site feed and in one feed per tag: make its content feed-ready once per build
  const toFeedContent = (post: PostView): Promise<string> => {
    const feedContent = index.perBuild("feeds.content", () => new Map<PostView, Promise<string>>());
    let html = feedContent.get(post);
    if (!html) {
      html = convertHtmlToAbsoluteUrls(stripHeadingAnchors(post.html), post.absoluteUrl, { closingSingleTag: "slash" });
      feedContent.set(post, html);
    }
    return html;
  };

  // In the site's zone, never the build machine's: builds are identical everywhere.
  eleventyConfig.addFilter("dateToRfc822", (date: Date) => toRfc822Date(date, site.timeZone));
  eleventyConfig.addFilter("dateToRfc3339", dateToRfc3339);
  // Atom <updated> and RSS <lastBuildDate> of a feed: the newest last modified of the entries it holds (pass the feed's own posts).
  eleventyConfig.addFilter("toFeedUpdated", (posts: PostView[]) => toFeedUpdated(posts));
  eleventyConfig.addFilter("toFeedPosts", (posts: PostView[]) => posts.slice(0, site.feedSize));
  eleventyConfig.addAsyncFilter("toFeedContent", toFeedContent);
  // `images`: the socialImages collection (src/plugins/social-cards.ts), passed in by the template: a post's own image or card by URL.
  eleventyConfig.addAsyncFilter("toJsonFeed", async (posts: PostView[], meta: FeedMeta, images?: { byUrl: ReadonlyMap<string, { url: string }> }) => {
    const items = posts.slice(0, site.feedSize);
    const toAbsoluteImage = (image: { url: string } | undefined) => (image ? absolute(image.url) : undefined);
    const contents = await Promise.all(items.map(toFeedContent));
    return toJsonFeed(
      items.map((post, index) => ({
        url: post.absoluteUrl,
        title: post.title,
        contentHtml: contents[index]!,
        summary: post.summary || undefined,
        date: post.date,
        updated: post.updated,
        tags: post.tagNames,
        image: toAbsoluteImage(images?.byUrl.get(post.url)),
      })),
      { ...meta, homePageUrl: absolute(meta.homePageUrl), feedUrl: absolute(meta.feedUrl) },
      { ...site, author: { ...site.author, ...(site.author.url ? { url: absolute(site.author.url) } : {}) } },
    );
  });
}
