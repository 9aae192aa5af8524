import type { CollectionApi, CollectionItem, UserConfig } from "@11ty/eleventy";
import { createFrontMatterSchema, type PostFrontMatter } from "./front-matter-schema.ts";
import { buildPostViews, type PostViewIndex } from "./post-view.ts";
import type { SiteData } from "./site.ts";
import { getWrittenPosts } from "./unwritten-posts.ts";

/**
 * The one per-build index: every value a build computes once and several
 * plugins share (the post views, src/post-view.ts) or a plugin keeps for the
 * length of one build (feed content, collected post errors, warnings already
 * printed). eleventy.config.ts creates it with `createBuildIndex` and passes
 * it to the plugins that need it as an option; it is emptied by one
 * `eleventy.before` handler, so no plugin keeps a private cache that could
 * outlive its build (under `npm start`, or two builds in one process).
 */
export class BuildIndex {
  #posts: PostViewIndex | undefined;
  #values = new Map<string, unknown>();
  readonly #schema = createFrontMatterSchema();
  constructor(readonly site: Pick<SiteData, "url" | "timeZone" | "language">) {}

  /** A new build starts: forget everything the previous one computed. */
  startBuild(): void {
    this.#posts = undefined;
    this.#values = new Map();
  }

  /** This build's post views, computed on first call from the written posts. */
  posts(api: Pick<CollectionApi, "getFilteredByTag">, pathPrefix: string): PostViewIndex {
    this.#posts ??= buildPostViews(getWrittenPosts(api).map((post) => ({
      url: post.url,
      inputPath: post.inputPath,
      frontMatter: this.#read(post),
      markdown: post.rawInput ?? "",
      // Rendered content: templates that read it declare `eleventyImport.collections: ["posts"]`, so posts render first.
      html: () => post.content,
    })), { siteUrl: this.site.url, pathPrefix, timeZone: this.site.timeZone, language: this.site.language });
    return this.#posts;
  }

  /** The post views of the current build, if a collection has asked for them. */
  get currentPosts(): PostViewIndex | undefined {
    return this.#posts;
  }

  /** A value that lives for this build only, created on first use under its name (`"feeds.content"`). */
  perBuild<T>(name: string, create: () => T): T {
    if (!this.#values.has(name)) this.#values.set(name, create());
    return this.#values.get(name) as T;
  }

  /**
   * The schema's coerced output for the data Eleventy parsed. The validation
   * plugin has already reported every bad post (with its line) before Eleventy
   * read any, so this only fails for data added later in the cascade.
   */
  #read(post: CollectionItem): PostFrontMatter {
    const result = this.#schema.safeParse(post.data);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    throw new Error(`${post.inputPath}: front matter "${issue.path.join(".")}" ${issue.message}`);
  }
}

/**
 * The build index of one Eleventy configuration, emptied when each build
 * starts (https://www.11ty.dev/docs/events/#eleventy.before). The one place
 * per-build state is created: eleventy.config.ts, or a test's bare Eleventy.
 */
export function createBuildIndex(eleventyConfig: UserConfig, site: Pick<SiteData, "url" | "timeZone" | "language">): BuildIndex {
  const index = new BuildIndex(site);
  eleventyConfig.on("eleventy.before", () => index.startBuild());
  return index;
}
