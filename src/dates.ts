import { DateTime } from "luxon";

/**
 * Eleventy turns a front matter date such as `2023-05-20` into midnight UTC.
 * Formatting it in the build machine's local zone would show May 19 west of
 * Greenwich, so every date is formatted in one fixed zone from the site data.
 */
function inZone(date: Date, zone: string): DateTime {
  const dateTime = DateTime.fromJSDate(date, { zone });
  if (!dateTime.isValid) {
    throw new Error(`Invalid date ${String(date)}: ${dateTime.invalidExplanation ?? dateTime.invalidReason}`);
  }
  return dateTime;
}

/** "May 20, 2023" — Luxon tokens: https://moment.github.io/luxon/#/formatting?id=table-of-tokens */
export function toReadableDate(date: Date, zone = "UTC", locale = "en"): string {
  return inZone(date, zone).setLocale(locale).toFormat("LLLL d, yyyy");
}

/** "2023-05-20": a WHATWG valid date string for `<time datetime>`. */
export function toIsoDate(date: Date, zone = "UTC"): string {
  return inZone(date, zone).toISODate()!;
}

/** Calendar year in the site's zone, for grouping the archive. */
export function toYear(date: Date, zone = "UTC"): number {
  return inZone(date, zone).year;
}

/**
 * "Thu, 07 Mar 2024 00:00:00 +0000" for RSS `pubDate` (RFC 822, as RSS 2.0
 * requires). Same output as @11ty/eleventy-plugin-rss's `dateToRfc822`, which
 * builds an `Intl.DateTimeFormat` per call and cost a tenth of a second per
 * thousand feed entries.
 */
export function toRfc822Date(date: Date, zone = "UTC"): string {
  return inZone(date, zone).setLocale("en-US").toRFC2822()!;
}
