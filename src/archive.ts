import { toYear } from "./dates.ts";
import { sortNewestFirst } from "./posts.ts";

export interface YearGroup<T> {
  year: number;
  posts: T[];
}

/** Posts grouped by calendar year in the site's zone, newest year and newest post first. */
export function groupPostsByYear<T extends { date: Date; url: string }>(posts: readonly T[], zone = "UTC"): Array<YearGroup<T>> {
  const groups: Array<YearGroup<T>> = [];
  for (const post of sortNewestFirst(posts)) {
    const year = toYear(post.date, zone);
    const last = groups[groups.length - 1];
    if (last && last.year === year) last.posts.push(post);
    else groups.push({ year, posts: [post] });
  }
  return groups;
}
