import type { UserConfig } from "@11ty/eleventy";
import { toIsoDate, toReadableDate } from "../dates.ts";
import { toExcerpt, toSummary } from "../excerpt.ts";
import { toTagList, toUpdatedDate } from "../posts.ts";
import { site } from "../site.ts";

/** Template filters; each delegates to a pure, unit-tested module. */
export function filtersPlugin(eleventyConfig: UserConfig): void {
  memoizeUrlFilter(eleventyConfig);
  eleventyConfig.addFilter("toReadableDate", (date: Date) => toReadableDate(date, site.timeZone, site.language));
  eleventyConfig.addFilter("toIsoDate", (date: Date) => toIsoDate(date, site.timeZone));
  eleventyConfig.addFilter("toExcerpt", (html: string) => toExcerpt(html ?? ""));
  // A post's summary: its `description`, else the reader text of its first paragraph (src/excerpt.ts).
  eleventyConfig.addFilter("toSummary", (description: unknown, html?: string) => toSummary(description, html));
  eleventyConfig.addFilter("toTagList", (tags: unknown) => toTagList(tags));
  // `updated` front matter as a Date (YAML date or quoted string), or undefined when absent.
  eleventyConfig.addFilter("toUpdatedDate", function (this: { page?: { inputPath?: string } }, updated: unknown, inputPath?: string) {
    return toUpdatedDate(updated, inputPath ?? this.page?.inputPath);
  });
}

/**
 * Eleventy's `url` filter tells absolute URLs from paths by constructing a
 * `URL` and catching the exception: about 0.1 ms a call, a dozen calls per
 * page, seconds at thousands of posts. Same results, computed once per value.
 */
function memoizeUrlFilter(eleventyConfig: UserConfig): void {
  const url = eleventyConfig.getFilter("url");
  const cache = new Map<string, string>();
  eleventyConfig.on("eleventy.before", () => cache.clear());
  eleventyConfig.addFilter("url", function (this: unknown, value: string, pathPrefixOverride?: string) {
    const key = `${pathPrefixOverride ?? ""}\u0000${value}`;
    let result = cache.get(key);
    if (result === undefined) {
      result = url.call(this, value, pathPrefixOverride) as string;
      cache.set(key, result);
    }
    return result;
  });
}
