import type { UserConfig } from "@11ty/eleventy";
import { toIsoDate, toReadableDate } from "../dates.ts";
import { site } from "../site.ts";

/** Template filters; each delegates to a pure, unit-tested module. */
export function filtersPlugin(eleventyConfig: UserConfig): void {
  memoizeUrlFilter(eleventyConfig);
  eleventyConfig.addFilter("toReadableDate", (date: Date) => toReadableDate(date, site.timeZone, site.language));
  eleventyConfig.addFilter("toIsoDate", (date: Date) => toIsoDate(date, site.timeZone));
  // A post's summary, dates, tags and last modified are on its view (src/post-view.ts), not computed by filters.
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
