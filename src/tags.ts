import { compareNewestFirst, toTagList } from "./posts.ts";
import { tagFeedUrl, tagPageUrl, tagSubscribeId, tagSubscribeUrl } from "./routes.ts";
import { toSlug } from "./slugs.ts";

/** What the tag index needs to know about a post. */
export interface TaggedPost {
  url: string;
  inputPath: string;
  date: Date;
  data: { tags?: unknown };
}

export interface Tag<P = TaggedPost> {
  /** The spelling readers see: the one most posts use (ties: the first in code point order). */
  name: string;
  /** URL segment under /tags/; unique across tags. */
  slug: string;
  /** Site-relative URLs (without the path prefix), from `slug` by src/routes.ts: its first page and its RSS feed. */
  url: string;
  feedUrl: string;
  /** Its entry on the subscribe page, where visible links to its feed go (`id` and link). */
  subscribeId: string;
  subscribeUrl: string;
  /** Newest first. */
  posts: P[];
}

export class TagSlugCollisionError extends Error {
  override name = "TagSlugCollisionError";
  constructor(
    message: string,
    /** The two tag names, and the posts using each. */
    readonly first: string,
    readonly second: string,
    readonly firstPosts: readonly string[] = [],
    readonly secondPosts: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * Tags compare case-insensitively after Unicode normalisation, so
 * `Serverless` and `serverless` are one tag. Normalise before slugging, or two
 * spellings of one tag would race for the same page.
 */
export function toTagKey(tag: string): string {
  return tag.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
}

/**
 * A tag made only of symbols that `toSlug` drops (`!!!`) still needs a URL:
 * spell out its code points rather than fail the build.
 */
export function toTagSlug(name: string): string {
  return toSlug(name) || [...name].map((char) => `u${char.codePointAt(0)!.toString(16)}`).join("-");
}

function mostUsedSpelling(spellings: Map<string, number>): string {
  return [...spellings].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))[0]![0];
}

/**
 * Every tag used by the posts, with its slug and its posts newest first,
 * sorted by name. Throws when two different tags would share one URL: a silent
 * overwrite would drop one tag's page.
 */
export function buildTags<P extends TaggedPost>(posts: readonly P[]): Tag<P>[] {
  const byKey = new Map<string, { spellings: Map<string, number>; posts: P[] }>();
  for (const post of posts) {
    const seen = new Set<string>();
    for (const spelling of toTagList(post.data.tags)) {
      const key = toTagKey(spelling);
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = byKey.get(key) ?? { spellings: new Map<string, number>(), posts: [] as P[] };
      const clean = spelling.normalize("NFKC").trim().replace(/\s+/g, " ");
      entry.spellings.set(clean, (entry.spellings.get(clean) ?? 0) + 1);
      entry.posts.push(post);
      byKey.set(key, entry);
    }
  }

  const bySlug = new Map<string, Tag<P>>();
  const tags: Tag<P>[] = [];
  for (const entry of byKey.values()) {
    const name = mostUsedSpelling(entry.spellings);
    const slug = toTagSlug(name);
    const tag: Tag<P> = {
      name,
      slug,
      url: tagPageUrl(slug),
      feedUrl: tagFeedUrl(slug),
      subscribeId: tagSubscribeId(slug),
      subscribeUrl: tagSubscribeUrl(slug),
      posts: [...entry.posts].sort(compareNewestFirst),
    };
    const other = bySlug.get(tag.slug);
    if (other) throw new TagSlugCollisionError(describeCollision(other, tag), other.name, tag.name, other.posts.map((post) => post.inputPath), tag.posts.map((post) => post.inputPath));
    bySlug.set(tag.slug, tag);
    tags.push(tag);
  }
  return tags.sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || (a.name < b.name ? -1 : 1));
}

function describeCollision(first: Tag, second: Tag): string {
  const list = (tag: Tag) => tag.posts.map((post) => post.inputPath).join(", ");
  return [
    `Tags "${first.name}" and "${second.name}" would both be published at /tags/${first.slug}/, and one would overwrite the other.`,
    `  "${first.name}" is used by: ${list(first)}`,
    `  "${second.name}" is used by: ${list(second)}`,
    `Fix: rename one of the tags in those posts' front matter so that they differ by more than punctuation.`,
  ].join("\n");
}

/** A tag as a post's tag list links to it. */
export interface TagLink {
  name: string;
  slug: string;
}

/**
 * A post's tags, each once (compared by `toTagKey`, as the index does), in the
 * index's spelling and slug: `[Serverless, serverless]` is one link, spelled
 * as on the tag page. A tag missing from the index (a draft's tag under
 * `npm start`, say) keeps the author's spelling.
 */
export function toPostTagLinks(postTags: unknown, index: ReadonlyMap<string, TagLink>): TagLink[] {
  const links = new Map<string, TagLink>();
  for (const spelling of toTagList(postTags)) {
    const key = toTagKey(spelling);
    if (links.has(key)) continue;
    const tag = index.get(key);
    links.set(key, tag ? { name: tag.name, slug: tag.slug } : { name: spelling, slug: toTagSlug(spelling) });
  }
  return [...links.values()];
}

export interface TagPage<P = TaggedPost> {
  tag: Tag<P>;
  /** 1-based. */
  pageNumber: number;
  pageCount: number;
  posts: P[];
  /** Site-relative URLs, without the path prefix. */
  url: string;
  previousUrl: string | null;
  nextUrl: string | null;
}

/** Splits each tag's posts into pages of `pageSize`, with links between them. */
export function paginateTags<P>(tags: readonly Tag<P>[], pageSize: number): TagPage<P>[] {
  const pages: TagPage<P>[] = [];
  for (const tag of tags) {
    const pageCount = Math.max(1, Math.ceil(tag.posts.length / pageSize));
    for (let pageNumber = 1; pageNumber <= pageCount; pageNumber++) {
      pages.push({
        tag,
        pageNumber,
        pageCount,
        posts: tag.posts.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
        url: tagPageUrl(tag.slug, pageNumber),
        previousUrl: pageNumber > 1 ? tagPageUrl(tag.slug, pageNumber - 1) : null,
        nextUrl: pageNumber < pageCount ? tagPageUrl(tag.slug, pageNumber + 1) : null,
      });
    }
  }
  return pages;
}
