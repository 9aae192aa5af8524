import { DateTime } from "luxon";
import { z } from "zod";

/**
 * The one front matter schema for posts: validation (src/validate-posts.ts)
 * and the TypeScript type `PostFrontMatter` both come from it. Unknown keys
 * (`series`, `permalink`, …) are allowed and passed through untouched.
 */

/** What a valid date looks like, shown in error messages. */
export const DATE_EXPECTED = "a real calendar date, YYYY-MM-DD (or an ISO date-time such as 2024-03-18T09:30:00Z)";

// Only the shapes Eleventy documents (https://www.11ty.dev/docs/dates/): a date, or an ISO date-time.
// Luxon alone would also accept "2024", "2024-05" or week dates such as "2024-W05".
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * A front matter date as the Date Eleventy gives `page.date`: a bare date is
 * midnight UTC, a date-time without an offset is UTC (YAML 1.1 timestamps,
 * https://yaml.org/type/timestamp.html). Returns undefined for anything that is
 * not a real calendar date, such as `2023-13-45` (which js-yaml's default
 * schema silently rolls over to 2024-02-14) or `yesterday`.
 */
export function parseFrontMatterDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== "string" || !DATE_SHAPE.test(value.trim())) return undefined;
  const text = value.trim();
  // Bare dates (the common case) skip ISO parsing, which is several times slower over thousands of posts.
  const parsed =
    text.length === 10
      ? DateTime.fromObject({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8, 10)) }, { zone: "utc" })
      : DateTime.fromISO(text.replace(" ", "T"), { zone: "utc" });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

const frontMatterDate = z.unknown().transform((value, ctx): Date => {
  const date = parseFrontMatterDate(value);
  if (date) return date;
  ctx.issues.push({ code: "custom", input: value, message: value === undefined ? `is missing: add ${DATE_EXPECTED}` : `must be ${DATE_EXPECTED}` });
  return z.NEVER;
});

export interface SchemaOptions {
  /** Whether a `layout` value names a file in the includes folder; without it, any name is accepted. */
  layoutExists?: (layout: string) => boolean;
}

/** The post front matter schema; `layoutExists` ties `layout` to the includes folder at hand. */
export function createFrontMatterSchema(options: SchemaOptions = {}) {
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
      /** One tag as a string, or a list of tags. */
      tags: z
        .union([z.string(), z.array(z.string())], { error: "must be a tag or a list of tags (text), e.g. tags: [serverless, aws]" })
        .optional(),
      /** One or two sentences for listings, feeds and search engines; defaults to the first paragraph. */
      description: z.string({ error: 'must be text, e.g. description: "What this post is about."' }).optional(),
      /** `true` keeps the post out of the production build; `npm start` shows it with a draft mark. */
      draft: z.boolean({ error: "must be true or false, without quotes" }).optional(),
      /** Date of the last significant change; not before `date`. Same formats as `date`. */
      updated: frontMatterDate.optional(),
      /** A layout file in `_includes/` (e.g. `layout.njk`); posts default to `layout.njk` via posts/posts.json. */
      layout: z
        .string({ error: "must be the name of a layout file in _includes/, e.g. layout: layout.njk" })
        .refine((layout) => options.layoutExists?.(layout) ?? true, { error: "names no file in _includes/: use an existing layout, e.g. layout.njk, or remove the line" })
        .optional(),
    })
    .loose()
    .refine((data) => !(data.updated instanceof Date && data.date instanceof Date) || data.updated >= data.date, {
      path: ["updated"],
      error: "is before date: updated must be the same day as date or later",
      // Also check when another field has a problem, so one run reports everything.
      when: () => true,
    });
}

/** Front matter of a post once validated: dates are Dates. */
export type PostFrontMatter = z.output<ReturnType<typeof createFrontMatterSchema>>;
