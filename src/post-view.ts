import { toIsoDate, toReadableDate } from "./dates.ts";
import { toSummary } from "./excerpt.ts";
import type { PostFrontMatter } from "./front-matter-schema.ts";
import { compareNewestFirst, toTagList } from "./posts.ts";
import { toReadingMinutes, toReadingTimeLabel } from "./reading-time.ts";
import { prefixSitePath, tagFeedUrl, tagPageUrl, toAbsoluteUrl } from "./routes.ts";
import { buildTags, toPostTagLinks, toTagKey, type Tag, type TagLink } from "./tags.ts";

/**
 * The post view: everything templates, feeds, the sitemap, cards and search
 * show of a post, computed once per build from the schema's output
 * (src/front-matter-schema.ts), so no template or plugin reads `post.data`
 * or decides a fact of its own. Pure: no Eleventy import; the build index
 * (src/build-index.ts) feeds it Eleventy's collection items.
 */

/** One post as the build gives it: the coerced front matter plus what only Eleventy knows. */
export interface PostViewInput {
  /** `page.url`, without the path prefix. */
  url: string;
  inputPath: string;
  /** The schema's output: dates are Dates, fields validated. */
  frontMatter: PostFrontMatter;
  /** The Markdown body without front matter (reading time counts it, never the HTML). */
  markdown: string;
  /** The rendered post, read only when asked for: posts render after collections are built. */
  html: () => string | undefined;
}

/** Where and how the site shows dates and URLs. */
export interface PostViewContext {
  siteUrl: string;
  pathPrefix: string;
  timeZone: string;
  language: string;
  /** The tag index (by `toTagKey`), so a post spells its tags as the tag pages do. */
  tagIndex?: ReadonlyMap<string, TagLink>;
}

/** A tag as a post links to it: URLs from src/routes.ts, `href` with the path prefix. */
export interface PostViewTag extends TagLink {
  url: string;
  href: string;
  feedUrl: string;
}

/** The series a post is in, and its `seriesPart` when it gives one. */
export interface PostSeries {
  name: string;
  part?: number;
}

export interface PostView {
  /** Site path (`page.url`), without the path prefix: the key everything looks a post up by. */
  url: string;
  /** `url` under the path prefix, for `href`. */
  href: string;
  /** Origin, path prefix and path: feeds, canonical link, JSON-LD. */
  absoluteUrl: string;
  inputPath: string;
  title: string;
  date: Date;
  isoDate: string;
  readableDate: string;
  /** Front matter `updated`, when written. */
  updated?: Date;
  updatedIsoDate?: string;
  updatedReadableDate?: string;
  /** The one "last modified" rule: `updated ?? date` (Atom entries, JSON-LD, sitemap, feed-level dates). */
  lastModified: Date;
  /** The one summary rule: `description` (trimmed), else the excerpt of the rendered post (src/excerpt.ts). Computed on first read. */
  readonly summary: string;
  /** The rendered post HTML (read on first use, after posts have rendered). */
  readonly html: string;
  readingMinutes: number;
  /** "5 min read". */
  readingTime: string;
  /** Each tag once, in the tag index's spelling. */
  tags: PostViewTag[];
  /** The same tags' names: feed categories, JSON Feed tags, `article:tag`, JSON-LD keywords, cards. */
  tagNames: string[];
  /** Tag keys (`toTagKey`), for comparing tags (related posts). */
  tagKeys: string[];
  series?: PostSeries;
  /** The post's own share image as the author named it (`image`, `imageAlt`); src/plugins/social-cards.ts resolves it. */
  image?: { file: string; alt: string };
}

/** `series`, validated: a name, or undefined. (Not in the schema yet: its messages are kept as authors get them.) */
function toSeriesName(series: unknown, inputPath: string): string | undefined {
  if (series === undefined || series === null || series === "") return undefined;
  if (typeof series !== "string") {
    throw new Error(`${inputPath}: front matter "series" must be a name (text), got ${JSON.stringify(series)}. Write e.g. series: Software Architecture`);
  }
  return series.trim();
}

/** `seriesPart`, validated: a whole number from 1, or undefined. */
function toSeriesPart(part: unknown, inputPath: string): number | undefined {
  if (part === undefined || part === null) return undefined;
  if (typeof part !== "number" || !Number.isInteger(part) || part < 1) {
    throw new Error(`${inputPath}: front matter "seriesPart" must be a whole number from 1, got ${JSON.stringify(part)}. Write e.g. seriesPart: 2, or leave it out to order the series by date.`);
  }
  return part;
}

/** A post's series position from its front matter (validated here, once). */
export function toPostSeries(frontMatter: { series?: unknown; seriesPart?: unknown }, inputPath: string): PostSeries | undefined {
  const name = toSeriesName(frontMatter.series, inputPath);
  const part = toSeriesPart(frontMatter.seriesPart, inputPath);
  if (name === undefined) return undefined;
  return part === undefined ? { name } : { name, part };
}

/** The view of one post. */
export function toPostView(input: PostViewInput, context: PostViewContext): PostView {
  const { frontMatter: fm, url, inputPath } = input;
  const { timeZone, language, pathPrefix } = context;
  const links = toPostTagLinks(toTagList(fm.tags), context.tagIndex ?? new Map());
  const tags = links.map((link): PostViewTag => {
    const tagUrl = tagPageUrl(link.slug);
    return { name: link.name, slug: link.slug, url: tagUrl, href: prefixSitePath(tagUrl, pathPrefix), feedUrl: tagFeedUrl(link.slug) };
  });
  const minutes = toReadingMinutes(input.markdown);
  const series = toPostSeries(fm as { series?: unknown; seriesPart?: unknown }, inputPath);
  let summary: string | undefined;
  let html: string | undefined;
  return {
    url,
    href: prefixSitePath(url, pathPrefix),
    absoluteUrl: toAbsoluteUrl(url, context.siteUrl, pathPrefix),
    inputPath,
    title: fm.title,
    date: fm.date,
    isoDate: toIsoDate(fm.date, timeZone),
    readableDate: toReadableDate(fm.date, timeZone, language),
    ...(fm.updated ? { updated: fm.updated, updatedIsoDate: toIsoDate(fm.updated, timeZone), updatedReadableDate: toReadableDate(fm.updated, timeZone, language) } : {}),
    lastModified: fm.updated ?? fm.date,
    get summary() {
      return (summary ??= toSummary(fm.description, input.html()));
    },
    get html() {
      return (html ??= input.html() ?? "");
    },
    readingMinutes: minutes,
    readingTime: toReadingTimeLabel(minutes),
    tags,
    tagNames: tags.map((tag) => tag.name),
    tagKeys: tags.map((tag) => toTagKey(tag.name)),
    ...(series ? { series } : {}),
    ...(fm.image !== undefined ? { image: { file: fm.image, alt: fm.imageAlt ?? "" } } : {}),
  };
}

/** Every post's view, once per build, and the indexes built from them. */
export interface PostViewIndex {
  /** Newest first (`compareNewestFirst`): home, archive, feeds. */
  newestFirst: PostView[];
  byUrl: ReadonlyMap<string, PostView>;
  /** The tag index over the views (src/tags.ts `buildTags`): tag pages, tag feeds, the tag list. */
  tags: Tag<PostView>[];
}

/** Views of all posts: tags are resolved against the index of every post's tags, so all spell a tag alike. */
export function buildPostViews(inputs: readonly PostViewInput[], context: Omit<PostViewContext, "tagIndex">): PostViewIndex {
  const tagged = inputs.map((input) => ({ url: input.url, inputPath: input.inputPath, date: input.frontMatter.date, data: { tags: toTagList(input.frontMatter.tags) } }));
  const tagsOfItems = buildTags(tagged);
  const tagIndex = new Map<string, TagLink>(tagsOfItems.map((tag) => [toTagKey(tag.name), tag]));
  const views = inputs.map((input) => toPostView(input, { ...context, tagIndex }));
  const byUrl = new Map(views.map((view) => [view.url, view]));
  return {
    newestFirst: [...views].sort(compareNewestFirst),
    byUrl,
    tags: tagsOfItems.map((tag) => ({ ...tag, posts: tag.posts.map((post) => byUrl.get(post.url)!) })),
  };
}
