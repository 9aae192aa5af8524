import type { RunMode, UserConfig } from "@11ty/eleventy";
import { isHeldBack, toPublicationState } from "../drafts.ts";

export interface DraftsOptions {
  /** Publish future-dated posts in a production build (set from BLOG_INCLUDE_SCHEDULED in eleventy.config.ts). */
  includeScheduled?: boolean;
  /** The moment that decides what is scheduled; read once per build. Tests pass a fixed one. */
  now?: () => Date;
}

type PageData = { draft?: unknown; date?: unknown };

/**
 * Drafts (`draft: true`) and scheduled posts (dated in the future) are left
 * out of a production build entirely: no page, no collection, hence no
 * listing, tag page, feed, sitemap or search entry. Under `npm start` they
 * are built, and the `toPublicationState` filter lets partials/post.njk
 * mark them. A preprocessor that returns false drops the template before any
 * data is computed (https://www.11ty.dev/docs/config-preprocessors/), which
 * costs nothing per page, unlike global computed `permalink` data; the run
 * mode comes from the event, not from an environment variable.
 */
export function draftsPlugin(eleventyConfig: UserConfig, options: DraftsOptions = {}): void {
  let runMode: RunMode = "build";
  let now = new Date();
  // https://www.11ty.dev/docs/events/#event-arguments
  eleventyConfig.on("eleventy.before", (args) => {
    runMode = args.runMode;
    now = options.now?.() ?? new Date();
  });

  eleventyConfig.addPreprocessor("drafts", "*", (data: PageData) => {
    if (isHeldBack(toPublicationState(data, now), { runMode, includeScheduled: options.includeScheduled ?? false })) return false;
    return undefined;
  });
  eleventyConfig.addFilter("toPublicationState", (draft: unknown, date: unknown) => toPublicationState({ draft, date }, now));
}
