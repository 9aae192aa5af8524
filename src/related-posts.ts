import { toTagList } from "./posts.ts";
import { toTagKey } from "./tags.ts";

/** What related-post ranking needs to know about a post. */
export interface TaggedPost {
  url: string;
  date: Date;
  data: { tags?: unknown };
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
export function buildRelatedPosts<T extends TaggedPost>(posts: readonly T[], limit = RELATED_POST_COUNT): Map<string, T[]> {
  const postsByTag = new Map<string, T[]>();
  const tagsByUrl = new Map<string, string[]>();
  for (const post of posts) {
    // Tags are compared as tag pages group them (case and Unicode form do not matter).
    const tags = [...new Set(toTagList(post.data.tags).map(toTagKey))];
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

function isBetter<T extends TaggedPost>(a: T, aCount: number, b: T, bCount: number): boolean {
  if (aCount !== bCount) return aCount > bCount;
  const byDate = a.date.getTime() - b.date.getTime();
  return byDate !== 0 ? byDate > 0 : a.url < b.url;
}

/** The best `limit` candidates, kept in a small sorted array instead of sorting them all. */
function topRanked<T extends TaggedPost>(counts: Map<T, number>, limit: number): T[] {
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
