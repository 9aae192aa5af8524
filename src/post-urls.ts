import { posix } from "node:path";
import { toSlug } from "./slugs.ts";

/**
 * Clean URLs for files as authors name them. Obsidian and Finder write
 * `My Post File.md`; Eleventy would publish it at `/posts/My Post File/`, a
 * URL with spaces. A path segment that is already clean (lower-case letters
 * of any script, digits, `-`, `_`, `.`) is kept as written, so existing URLs
 * never move; any other segment is slugged the way tags are
 * (`My Post File` → `my-post-file`, `C# Tips` → `c-sharp-tips`).
 */
const CLEAN_SEGMENT = /^[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}._~-]+$/u;

export function toCleanSegment(segment: string): string {
  return CLEAN_SEGMENT.test(segment) ? segment : toSlug(segment) || "post";
}

/**
 * Eleventy drops a Jekyll-style date from a file name, and its pattern is not
 * anchored: `notes-2024-01-01-x.md` becomes `x`, as `2024-01-01-x.md` does.
 * Copied from @11ty/eleventy 3 (src/TemplateFileSlug.js, `_stripDateFromSlug`)
 * so that URLs never move; tests/unit/post-urls.test.ts compares the two.
 */
const DATE_IN_NAME = /\d{4}-\d{2}-\d{2}-(.*)/;

/** Eleventy's own template extensions, in the order it tries them (src/EleventyExtensionMap.js). */
const TEMPLATE_EXTENSIONS = ["md", "html", "njk", "liquid", "11ty.js", "11ty.cjs", "11ty.mjs"];

/** As Eleventy does it: case-sensitive, so `Notes.MD` (still a Markdown template) keeps `.MD` in its URL. */
function removeTemplateExtension(name: string): string {
  const extension = TEMPLATE_EXTENSIONS.find((ext) => name === ext || name.endsWith(`.${ext}`));
  return extension === undefined ? name : name.slice(0, Math.max(0, name.length - 1 - extension.length));
}

/**
 * Eleventy's `page.filePathStem` of a template, from its path relative to the
 * input folder (`posts/2024-01-10-trip.md` → `/posts/trip`): folders as they
 * are, the file name without its extension and without a date.
 * https://www.11ty.dev/docs/data-eleventy-supplied/#filepathstem
 */
export function toFilePathStem(inputPath: string): string {
  const segments = inputPath.replace(/^\.\//, "").split("/");
  const name = removeTemplateExtension(segments.pop()!);
  const slug = DATE_IN_NAME.exec(name)?.[1] ?? name;
  const joined = posix.normalize(posix.join(...segments, slug));
  return `/${joined !== "/" && joined.endsWith("/") ? joined.slice(0, -1) : joined}`;
}

/**
 * The URL of a template from its path without extension, Eleventy's
 * `page.filePathStem` (`/posts/My Trip/index` → `/posts/my-trip/`).
 */
export function toCleanUrl(filePathStem: string): string {
  const segments = filePathStem.split("/").filter(Boolean);
  if (segments.at(-1) === "index") segments.pop();
  const path = segments.map(toCleanSegment).join("/");
  return path ? `/${path}/` : "/";
}

/**
 * The URL of a post or page without a permalink of its own, from its path
 * relative to the input folder (`posts/2023-01-10-My Trip.md` →
 * `/posts/my-trip/`). The one rule for both the build (src/plugins/clean-urls.ts)
 * and the collision check before it (src/validate-posts.ts).
 */
export function toPostUrl(inputPath: string): string {
  return toCleanUrl(toFilePathStem(inputPath));
}

/** The date Eleventy drops from a file name (`2023-01-10-` in `2023-01-10-trip.md`), if any. */
export function droppedDate(inputPath: string): string | undefined {
  const name = removeTemplateExtension(inputPath.split("/").at(-1)!);
  const match = DATE_IN_NAME.exec(name);
  return match ? name.slice(0, name.length - match[1]!.length) : undefined;
}

/** Where Eleventy writes that URL: `/posts/my-trip/` → `posts/my-trip/index.html`. */
export function toOutputPath(url: string): string {
  return `${url.slice(1)}index.html`;
}

/** Posts (paths relative to the input folder, e.g. `posts/A.md`) that would share a URL, grouped by it. */
export function findUrlCollisions(files: readonly string[]): Array<{ url: string; files: string[] }> {
  const byUrl = new Map<string, string[]>();
  for (const file of files) {
    const url = toPostUrl(file);
    byUrl.set(url, [...(byUrl.get(url) ?? []), file]);
  }
  return [...byUrl].filter(([, list]) => list.length > 1).map(([url, list]) => ({ url, files: list }));
}
