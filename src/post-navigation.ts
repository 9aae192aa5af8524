import { compareNewestFirst } from "./posts.ts";

/** What previous/next links and series need to know about a post (a post view has it). */
export interface NavigablePost {
  url: string;
  date: Date;
  /** Validated once, by the post view (src/post-view.ts `toPostSeries`). */
  series?: { name: string; part?: number };
}

/** The series a post belongs to: its name and every part in reading order. */
export interface Series<T> {
  name: string;
  parts: T[];
}

/** Neighbours in publication order, and the post's series, if any. */
export interface PostNavigation<T> {
  /** The next older post. */
  previous?: T;
  /** The next newer post. */
  next?: T;
  series?: Series<T>;
}

function compareParts(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a - b;
}

/**
 * Previous/next and series for every post, once per build, keyed by URL so
 * each page looks its own up in O(1). Publication order is the exact reverse
 * of the one newest-first order (src/posts.ts `compareNewestFirst`), so the
 * previous post is the one listed after it on the home page. Series parts are
 * ordered by `seriesPart` when given (parts without it come after, by date),
 * else by date.
 */
export function buildPostNavigation<T extends NavigablePost>(posts: readonly T[]): Map<string, PostNavigation<T>> {
  const ordered = [...posts].sort(compareNewestFirst).reverse();
  const seriesByName = new Map<string, T[]>();
  for (const post of ordered) {
    if (!post.series) continue;
    const parts = seriesByName.get(post.series.name);
    if (parts) parts.push(post);
    else seriesByName.set(post.series.name, [post]);
  }
  const seriesList = new Map<string, Series<T>>();
  for (const [name, parts] of seriesByName) {
    // Stable sort: equal (or missing) parts keep their date order.
    parts.sort((a, b) => compareParts(a.series?.part, b.series?.part));
    seriesList.set(name, { name, parts });
  }

  const navigation = new Map<string, PostNavigation<T>>();
  ordered.forEach((post, index) => {
    const entry: PostNavigation<T> = {};
    if (index > 0) entry.previous = ordered[index - 1];
    if (index < ordered.length - 1) entry.next = ordered[index + 1];
    if (post.series) entry.series = seriesList.get(post.series.name);
    navigation.set(post.url, entry);
  });
  return navigation;
}
