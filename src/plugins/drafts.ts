import type { RunMode, UserConfig } from "@11ty/eleventy";
import { isHeldBack, toPublicationState } from "../drafts.ts";

export interface DraftsOptions {
  /** Publish future-dated posts in a production build (set from BLOG_INCLUDE_SCHEDULED in eleventy.config.ts). */
  includeScheduled?: boolean;
  /** The moment that decides what is scheduled; read once per build. Tests pass a fixed one. */
  now?: () => Date;
}

type PageData = { draft?: unknown; date?: unknown; permalink?: unknown; eleventyExcludeFromCollections?: unknown };

/**
 * Drafts (`draft: true`) and scheduled posts (dated in the future) are left
 * out of a production build: no page (`permalink: false`) and no collection,
 * hence no listing, tag page, feed or sitemap entry. Under `npm start` they are
 * built, and `publicationState` lets partials/draft-mark.njk mark them.
 * Same approach as eleventy-base-blog's _config/drafts.js, with the run mode
 * taken from the event rather than from an environment variable.
 */
export function draftsPlugin(eleventyConfig: UserConfig, options: DraftsOptions = {}): void {
  let runMode: RunMode = "build";
  let now = new Date();
  // https://www.11ty.dev/docs/events/#event-arguments
  eleventyConfig.on("eleventy.before", (args) => {
    runMode = args.runMode;
    now = options.now?.() ?? new Date();
  });
  const heldBack = (data: PageData) => isHeldBack(toPublicationState(data, now), { runMode, includeScheduled: options.includeScheduled ?? false });

  // Global computed data: a function returning the computed-data function (https://www.11ty.dev/docs/data-global-custom/).
  eleventyConfig.addGlobalData("eleventyComputed.publicationState", () => (data: PageData) => toPublicationState(data, now));
  eleventyConfig.addGlobalData("eleventyComputed.permalink", () => (data: PageData) => (heldBack(data) ? false : data.permalink));
  eleventyConfig.addGlobalData("eleventyComputed.eleventyExcludeFromCollections", () => (data: PageData) => (heldBack(data) ? true : data.eleventyExcludeFromCollections));
}
