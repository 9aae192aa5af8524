/** What previous/next links and series need to know about a post. */
export interface NavigablePost {
  url: string;
  date: Date;
  inputPath: string;
  data: { title?: unknown; series?: unknown; seriesPart?: unknown };
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

function oldestFirst<T extends NavigablePost>(a: T, b: T): number {
  return a.date.getTime() - b.date.getTime() || a.url.localeCompare(b.url);
}

function seriesName(post: NavigablePost): string | undefined {
  const { series } = post.data;
  if (series === undefined || series === null || series === "") return undefined;
  if (typeof series !== "string") {
    throw new Error(`${post.inputPath}: front matter "series" must be a name (text), got ${JSON.stringify(series)}. Write e.g. series: Software Architecture`);
  }
  return series.trim();
}

/** A post's `seriesPart`, validated: a whole number from 1, or undefined. */
export function seriesPart(post: NavigablePost): number | undefined {
  const { seriesPart: part } = post.data;
  if (part === undefined || part === null) return undefined;
  if (typeof part !== "number" || !Number.isInteger(part) || part < 1) {
    throw new Error(`${post.inputPath}: front matter "seriesPart" must be a whole number from 1, got ${JSON.stringify(part)}. Write e.g. seriesPart: 2, or leave it out to order the series by date.`);
  }
  return part;
}

function compareParts(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a - b;
}

/**
 * Previous/next and series for every post, once per build, keyed by URL so
 * each page looks its own up in O(1). Series parts are ordered by
 * `seriesPart` when given (parts without it come after, by date), else by date.
 */
export function buildPostNavigation<T extends NavigablePost>(posts: readonly T[]): Map<string, PostNavigation<T>> {
  const ordered = [...posts].sort(oldestFirst);
  const seriesByName = new Map<string, T[]>();
  for (const post of ordered) {
    const name = seriesName(post);
    if (name === undefined) continue;
    seriesPart(post); // validates it even when the series has one part
    const parts = seriesByName.get(name);
    if (parts) parts.push(post);
    else seriesByName.set(name, [post]);
  }
  const seriesList = new Map<string, Series<T>>();
  for (const [name, parts] of seriesByName) {
    // Stable sort: equal (or missing) parts keep their date order.
    parts.sort((a, b) => compareParts(seriesPart(a), seriesPart(b)));
    seriesList.set(name, { name, parts });
  }

  const navigation = new Map<string, PostNavigation<T>>();
  ordered.forEach((post, index) => {
    const entry: PostNavigation<T> = {};
    if (index > 0) entry.previous = ordered[index - 1];
    if (index < ordered.length - 1) entry.next = ordered[index + 1];
    const name = seriesName(post);
    if (name !== undefined) entry.series = seriesList.get(name);
    navigation.set(post.url, entry);
  });
  return navigation;
}
