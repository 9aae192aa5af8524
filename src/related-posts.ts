import { compareNewestFirst } from "./posts.ts";

/** What related-post ranking needs to know about a post (a post view has it). */
export interface RelatablePost {
  url: string;
  date: Date;
  /** The post's tags as keys (src/tags.ts `toTagKey`): compared as tag pages group them. */
  tagKeys: readonly string[];
}

/** How many related posts a post shows. */
export const RELATED_POST_COUNT = 3;

/**
 * Related posts for every post at once: the posts sharing the most tags,
 * then the newest, then by URL so builds are reproducible. Posts sharing no
 * tag are never related. Runs once per build through an inverted index
 * (tag → posts), so the cost grows with the posts that share tags, not with
 * posts × posts on every page.
 */
export function buildRelatedPosts<T extends RelatablePost>(posts: readonly T[], limit = RELATED_POST_COUNT): Map<string, T[]> {
  const postsByTag = new Map<string, T[]>();
  const tagsByUrl = new Map<string, string[]>();
  for (const post of posts) {
    const tags = [...new Set(post.tagKeys)];
    tagsByUrl.set(post.url, tags);
    for (const tag of tags) {
      const list = postsByTag.get(tag);
      if (list) list.push(post);
      else postsByTag.set(tag, [post]);
    }
  }

  const related = new Map<string, T[]>();
  const shared = new Map<T, number>();
  for (const post of posts) {
    shared.clear();
    for (const tag of tagsByUrl.get(post.url) ?? []) {
      for (const other of postsByTag.get(tag) ?? []) {
        if (other !== post) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    related.set(post.url, topRanked(shared, limit));
  }
  return related;
}

function isBetter<T extends RelatablePost>(a: T, aCount: number, b: T, bCount: number): boolean {
  if (aCount !== bCount) return aCount > bCount;
  return compareNewestFirst(a, b) < 0;
}

/** The best `limit` candidates, kept in a small sorted array instead of sorting them all. */
function topRanked<T extends RelatablePost>(counts: Map<T, number>, limit: number): T[] {
  const best: Array<[T, number]> = [];
  for (const [post, count] of counts) {
    if (best.length === limit && !isBetter(post, count, best[limit - 1]![0], best[limit - 1]![1])) continue;
    let at = best.length;
    while (at > 0 && isBetter(post, count, best[at - 1]![0], best[at - 1]![1])) at--;
    best.splice(at, 0, [post, count]);
    if (best.length > limit) best.pop();
  }
  return best.map(([post]) => post);
}
