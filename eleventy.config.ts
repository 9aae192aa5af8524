import type { UserConfig } from "@11ty/eleventy";
import { createBuildIndex } from "./src/build-index.ts";
import * as routes from "./src/routes.ts";
import { site } from "./src/site.ts";
import { cleanOutputPlugin } from "./src/plugins/clean-output.ts";
import { cleanUrlsPlugin } from "./src/plugins/clean-urls.ts";
import { collectionsPlugin } from "./src/plugins/collections.ts";
import { controlCharactersPlugin } from "./src/plugins/control-characters.ts";
import { feedsPlugin } from "./src/plugins/feeds.ts";
import { filtersPlugin } from "./src/plugins/filters.ts";
import { devServerPlugin } from "./src/plugins/dev-server.ts";
import { draftsPlugin } from "./src/plugins/drafts.ts";
import { headersPlugin } from "./src/plugins/headers.ts";
import { imagesPlugin } from "./src/plugins/images.ts";
import { linkCheckPlugin } from "./src/plugins/link-check.ts";
import { markdownPlugin } from "./src/plugins/markdown.ts";
import { postFilesPlugin } from "./src/plugins/post-files.ts";
import { postViewsPlugin } from "./src/plugins/post-views.ts";
import { readerPlugin } from "./src/plugins/reader.ts";
import { routesPlugin } from "./src/plugins/routes.ts";
import { searchPlugin } from "./src/plugins/search.ts";
import { seoPlugin } from "./src/plugins/seo.ts";
import { socialCardsPlugin } from "./src/plugins/social-cards.ts";
import { snippetsWatchPlugin } from "./src/plugins/snippets.ts";
import { tagsPlugin } from "./src/plugins/tags.ts";
import { validationPlugin } from "./src/plugins/validation.ts";

/**
 * Static options: https://www.11ty.dev/docs/config/#configuration-options
 * Directories keep Eleventy's defaults (input ".", output "_site", layouts in
 * "_includes"), so tests can point a build at a fixture folder.
 */
export const config = {
  // Posts are not templates: `{{` in a code sample must stay text.
  markdownTemplateEngine: false as const,
  htmlTemplateEngine: "njk",
  templateFormats: ["md", "njk"],
};

/** Wiring only: each feature lives in a plugin under src/plugins/. */
export default function blog(eleventyConfig: UserConfig): void {
  // Only posts/ and pages/ are content; README.md, tests/ and the rest are not pages.
  // https://www.11ty.dev/docs/ignores/
  for (const path of ["README.md", "tests/**", "scripts/**", "src/**", "public/**", ".github/**", ".ci/**"]) {
    eleventyConfig.ignores.add(path);
  }
  eleventyConfig.addPassthroughCopy({ public: "/" });
  // `npm start` waits this long for a saved file to stop changing before it rebuilds (Eleventy's default: 150 ms).
  // https://www.11ty.dev/docs/watch-serve/#advanced-chokidar-configuration
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 } });
  eleventyConfig.addGlobalData("site", site);
  // What a build computes once and several plugins share (post views, feed content, errors found while rendering):
  // one index, emptied when each build starts (src/build-index.ts).
  const index = createBuildIndex(eleventyConfig, site);

  // _site/ holds only what the last build wrote: production builds start empty; npm start empties it once,
  // then removes what a rebuild no longer writes.
  eleventyConfig.addPlugin(cleanOutputPlugin);
  // `posts/My Post File.md` → /posts/my-post-file/, as tags get their slugs.
  eleventyConfig.addPlugin(cleanUrlsPlugin);
  // Only Markdown in posts/ is a post; every other file there (posts/trip/guide.pdf, a .njk snippet) is copied beside it.
  eleventyConfig.addPlugin(postFilesPlugin, { templateFormats: config.templateFormats });
  eleventyConfig.addPlugin(markdownPlugin, { index });
  eleventyConfig.addPlugin(snippetsWatchPlugin);
  // Characters XML and HTML forbid (a form feed pasted from a PDF) are removed from every page and feed.
  eleventyConfig.addPlugin(controlCharactersPlugin);
  // Every route and URL (tag pages, feeds, subscribe, absolute URLs, the path prefix) is src/routes.ts: templates read it here.
  eleventyConfig.addPlugin(routesPlugin, { routes, siteUrl: site.url });
  eleventyConfig.addPlugin(filtersPlugin, { timeZone: site.timeZone, language: site.language });
  // One view per post per build (src/post-view.ts), in the build index, read by every plugin that shows posts.
  eleventyConfig.addPlugin(postViewsPlugin, { index });
  eleventyConfig.addPlugin(collectionsPlugin, { index });
  eleventyConfig.addPlugin(tagsPlugin, { index, pageSize: site.tagPageSize });
  eleventyConfig.addPlugin(feedsPlugin, { site, index });
  eleventyConfig.addPlugin(headersPlugin);
  eleventyConfig.addPlugin(validationPlugin);
  // BLOG_INCLUDE_SCHEDULED=1 publishes future-dated posts in a production build (README, "Scheduling").
  eleventyConfig.addPlugin(draftsPlugin, { includeScheduled: process.env.BLOG_INCLUDE_SCHEDULED === "1" });
  eleventyConfig.addPlugin(linkCheckPlugin, { publicDir: "public" });
  eleventyConfig.addPlugin(readerPlugin, { index, timeZone: site.timeZone });
  eleventyConfig.addPlugin(seoPlugin, { site });
  // SEARCH_INDEX=off skips the Pagefind index (quick builds, tests that do not search).
  eleventyConfig.addPlugin(searchPlugin, { index: process.env.SEARCH_INDEX !== "off", language: site.language });
  // SOCIAL_CARDS=off draws no card per post (quick builds, tests not about sharing): pages share the site card.
  eleventyConfig.addPlugin(socialCardsPlugin, { cards: process.env.SOCIAL_CARDS !== "off", site, index });
  eleventyConfig.addPlugin(imagesPlugin);
  // `npm start` listens on 127.0.0.1 only (it serves drafts); BLOG_HOST=0.0.0.0 opens it to the local network.
  eleventyConfig.addPlugin(devServerPlugin, { host: process.env.BLOG_HOST || "127.0.0.1" });
}
