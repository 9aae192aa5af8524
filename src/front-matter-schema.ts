import { DateTime } from "luxon";
import { z } from "zod";
import { types as yamlTypes } from "js-yaml";
import { site } from "./site.ts";
import { isExternalUrl } from "./routes.ts";

/**
 * The one front matter schema for posts: validation (src/validate-posts.ts)
 * and the TypeScript type `PostFrontMatter` both come from it. Unknown keys
 * (`series`, `permalink`, …) are allowed and passed through untouched.
 */

/** What a valid date looks like, shown in error messages. */
export const DATE_EXPECTED = "a real calendar date, YYYY-MM-DD (or an ISO date-time such as 2024-03-18T09:30:00Z)";

/**
 * An unquoted YAML timestamp (`date: 2024-03-18`), kept as the text the
 * author wrote: src/validate-posts.ts parses front matter with a YAML schema
 * that yields this instead of a Date, so an impossible date such as
 * `2023-13-45` can be caught before js-yaml's Date.UTC silently rolls it over
 * to 2024-02-14. Serialises as its text in reports.
 */
export class YamlTimestamp {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
  toString(): string {
    return this.text;
  }
}

// The date and time parts of a YAML 1.1 timestamp (https://yaml.org/type/timestamp.html), as js-yaml's resolver reads them.
const YAML_TIMESTAMP_PARTS = /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d))?/;

function isRealYamlTimestamp(text: string): boolean {
  const parts = YAML_TIMESTAMP_PARTS.exec(text);
  if (!parts) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: "utc" }).isValid;
}

/**
 * A front matter date as the Date Eleventy gives `page.date`, or undefined
 * when Eleventy would reject it (or silently get it wrong). Eleventy 3
 * (Template.js, `getMappedDate`) takes a Date from YAML as is, and parses a
 * string with Luxon's `DateTime.fromISO(value, { zone: "utc" })`, failing the
 * build with a stack trace when that is invalid. So the accepted values are
 * exactly: an unquoted YAML timestamp that is a real calendar date and time
 * (`2024-03-18`, `2024-03-18 09:30:00`, midnight UTC / UTC without an offset,
 * https://yaml.org/type/timestamp.html), or text Luxon reads as ISO 8601
 * (`2024-03-18T09:30`, `"2024-03-18"`, https://moment.github.io/luxon/#/parsing?id=iso-8601).
 * Eleventy's special strings (`last modified`, `git created`, …) are not
 * accepted: they depend on the machine that builds.
 */
export function parseFrontMatterDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (value instanceof YamlTimestamp) return isRealYamlTimestamp(value.text) ? yamlTypes.timestamp.construct(value.text) : undefined;
  if (typeof value !== "string" || value === "") return undefined;
  // Bare dates (the common case) skip ISO parsing, which is several times slower over thousands of posts.
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromObject({ year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) }, { zone: "utc" })
    : DateTime.fromISO(value, { zone: "utc" });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** The fix for a date Eleventy cannot read: the common slip gets a specific hint. */
function describeBadDate(value: unknown): string {
  if (value === undefined) return `is missing: add ${DATE_EXPECTED}`;
  const text = String(value);
  // `2024-03-18 09:30`: ISO 8601 needs the T (a space works only in an unquoted YAML timestamp, with seconds).
  const spaced = /^(\d{4}-\d{2}-\d{2})[ \t]+(\d{2}:\d{2}.*)$/.exec(text);
  if (spaced) return `must be ${DATE_EXPECTED}: write ${spaced[1]}T${spaced[2]} (a T between date and time)`;
  return `must be ${DATE_EXPECTED}`;
}

const frontMatterDate = z.unknown().transform((value, ctx): Date => {
  const date = parseFrontMatterDate(value);
  if (date) return date;
  ctx.issues.push({ code: "custom", input: value, message: describeBadDate(value) });
  return z.NEVER;
});

/** Calendar day of a date in the site's time zone, as the post page shows it: "2024-03-18". */
function calendarDay(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toISODate() ?? "";
}

export interface SchemaOptions {
  /** Whether a `layout` value names a file in the includes folder; without it, any name is accepted. */
  layoutExists?: (layout: string) => boolean;
  /** Zone whose calendar days `updated` and `date` are compared in; defaults to `site.timeZone`. */
  timeZone?: string;
}

/** The post front matter schema; `layoutExists` ties `layout` to the includes folder at hand. */
export function createFrontMatterSchema(options: SchemaOptions = {}) {
  const timeZone = options.timeZone ?? site.timeZone;
  return z
    .object({
      /** The post's title: its `<h1>`, `<title>` and feed entry title. Quote it when it contains `:` or `#`. */
      title: z
        .string({ error: (issue) => (issue.input === undefined ? 'is missing: add title: "Your title"' : 'must be text, e.g. title: "Your title" (quote it if it contains : or #)') })
        .refine((title) => title.trim() !== "", { error: 'is empty: write the title, e.g. title: "Your title"' }),
      /**
       * Publication date, required: `YYYY-MM-DD` (midnight UTC, as Eleventy reads it) or a full ISO
       * date-time. There is no fallback to the file's creation time, which differs per machine.
       * A date in the future schedules the post (see README, "Scheduling").
       */
      date: frontMatterDate,
      /** One tag as a string, or a list of tags. An empty `tags:` means no tags. */
      tags: z
        .union([z.string(), z.array(z.string())], { error: "must be a tag or a list of tags (text), e.g. tags: [serverless, aws]" })
        .nullable()
        .optional(),
      /** One or two sentences for listings, feeds and search engines; defaults to the first paragraph. */
      description: z.string({ error: 'must be text, e.g. description: "What this post is about."' }).optional(),
      /** `true` keeps the post out of the production build; `npm start` shows it with a draft mark. */
      draft: z.boolean({ error: "must be true or false, without quotes" }).optional(),
      /** Date of the last significant change; not on a calendar day (in `site.timeZone`) before `date`'s. Same formats as `date`. */
      updated: frontMatterDate.optional(),
      /**
       * The image the post is shared with (OpenGraph, feeds) instead of its generated card: a file beside
       * the post (`image: cover.jpg`, or `image: images/cover.png` in a post folder), published 1200 px wide
       * as JPEG (PNG stays PNG). Needs `imageAlt`. A file that does not exist stops the build.
       */
      image: z
        .string({ error: "must be the file name of an image beside the post, e.g. image: cover.jpg" })
        .refine((image) => image.trim() !== "", { error: "is empty: name an image file beside the post, e.g. image: cover.jpg, or remove the line" })
        .refine((image) => !isExternalUrl(image.trim()) && !image.trim().startsWith("/"), { error: "must be a file beside the post, not a URL or a site path: copy the image next to the post and write its file name, e.g. image: cover.jpg" })
        .refine((image) => /\.(?:jpe?g|png|webp|avif|gif|tiff?|svg)$/i.test(image.trim()), { error: "must be a JPEG, PNG, WebP, AVIF, GIF, TIFF or SVG file (by its extension), e.g. image: cover.jpg" })
        .optional(),
      /** What the `image` shows, for people who cannot see it: `og:image:alt` and the feeds. Required with `image`. */
      imageAlt: z
        .string({ error: 'must be text describing the image, e.g. imageAlt: "A rack of servers in blue light"' })
        .refine((alt) => alt.trim() !== "", { error: 'is empty: describe what the image shows, e.g. imageAlt: "A rack of servers in blue light"' })
        .optional(),
      /** A layout file in `_includes/` (e.g. `layout.njk`); posts default to `layout.njk` via posts/posts.json. */
      layout: z
        .string({ error: "must be the name of a layout file in _includes/, e.g. layout: layout.njk" })
        .refine((layout) => options.layoutExists?.(layout) ?? true, { error: "names no file in _includes/: use an existing layout, e.g. layout.njk, or remove the line" })
        .optional(),
    })
    .loose()
    // An image without its description would be shared with an empty alt text.
    .refine((data) => data.image === undefined || data.imageAlt !== undefined, {
      path: ["imageAlt"],
      error: 'is missing: an image needs a description: add imageAlt: "What the image shows" (or remove image:)',
      when: () => true,
    })
    // Days, not instants: `updated: 2024-03-18` (midnight) after `date: 2024-03-18T10:00:00Z` is the same day, and fine.
    .refine((data) => !(data.updated instanceof Date && data.date instanceof Date) || calendarDay(data.updated, timeZone) >= calendarDay(data.date, timeZone), {
      path: ["updated"],
      error: `is before date: updated must be the same calendar day as date (in the site's time zone, ${timeZone}) or later`,
      // Also check when another field has a problem, so one run reports everything.
      when: () => true,
    });
}

/** Front matter of a post once validated: dates are Dates. */
export type PostFrontMatter = z.output<ReturnType<typeof createFrontMatterSchema>>;
