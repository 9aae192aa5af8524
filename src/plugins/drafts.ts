import type { RunMode, UserConfig } from "@11ty/eleventy";
import { isHeldBack, toPublicationState } from "../drafts.ts";
import { hasPermalinkFalse, type PermalinkData } from "../unwritten-posts.ts";

export interface DraftsOptions {
  /** Publish future-dated posts in a production build (set from BLOG_INCLUDE_SCHEDULED in eleventy.config.ts). */
  includeScheduled?: boolean;
  /** The moment that decides what is scheduled; read once per build. Tests pass a fixed one. */
  now?: () => Date;
}

type PageData = PermalinkData & { draft?: unknown; date?: unknown; tags?: unknown };

/** Posts are the pages tagged `posts` (posts/posts.json); Eleventy merges that tag with the post's own. */
function isPost(data: PageData): boolean {
  return data.tags === "posts" || (Array.isArray(data.tags) && data.tags.includes("posts"));
}

/**
 * Drafts (`draft: true`) and scheduled posts (dated in the future) are left
 * out of a production build entirely: no page, no collection, hence no
 * listing, tag page, feed, sitemap or search entry. Under `npm start` they
 * are built, and the `toPublicationState` filter lets partials/post.njk
 * mark them. A preprocessor that returns false drops the template before any
 * data is computed (https://www.11ty.dev/docs/config-preprocessors/), which
 * costs nothing per page, unlike global computed `permalink` data; the run
 * mode comes from the event, not from an environment variable.
 *
 * A post with `permalink: false` (front matter or directory data) is
 * dropped the same way, in every run mode: it has no page to list
 * (src/unwritten-posts.ts). Other templates keep Eleventy's behaviour: no
 * file, but still in collections.
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
    if (isPost(data) && hasPermalinkFalse(data)) return false;
    if (isHeldBack(toPublicationState(data, now), { runMode, includeScheduled: options.includeScheduled ?? false })) return false;
    return undefined;
  });
  eleventyConfig.addFilter("toPublicationState", (draft: unknown, date: unknown) => toPublicationState({ draft, date }, now));
}
