import type { UserConfig } from "@11ty/eleventy";
import { toIsoDate, toReadableDate } from "../dates.ts";
import { toExcerpt } from "../excerpt.ts";
import { toTagList } from "../posts.ts";
import { site } from "../site.ts";

/** Template filters; each delegates to a pure, unit-tested module. */
export function filtersPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("toReadableDate", (date: Date) => toReadableDate(date, site.timeZone, site.language));
  eleventyConfig.addFilter("toIsoDate", (date: Date) => toIsoDate(date, site.timeZone));
  eleventyConfig.addFilter("toExcerpt", (html: string) => toExcerpt(html ?? ""));
  eleventyConfig.addFilter("toTagList", (tags: unknown) => toTagList(tags));
}
