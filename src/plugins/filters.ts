import type { UserConfig } from "@11ty/eleventy";
import { toIsoDate, toReadableDate } from "../dates.ts";

export interface FiltersPluginOptions {
  /** The zone dates are shown in (`site.timeZone`): the site's, never the build machine's. */
  timeZone: string;
  /** The language readable dates are written in (`site.language`). */
  language: string;
}

/** Template filters; each delegates to a pure, unit-tested module. */
export function filtersPlugin(eleventyConfig: UserConfig, options: FiltersPluginOptions): void {
  const { timeZone, language } = options;
  eleventyConfig.addFilter("toReadableDate", (date: Date) => toReadableDate(date, timeZone, language));
  eleventyConfig.addFilter("toIsoDate", (date: Date) => toIsoDate(date, timeZone));
  // A post's summary, dates, tags and last modified are on its view (src/post-view.ts), not computed by filters.
}
