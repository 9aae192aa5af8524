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
 * The URL of a template from its path without extension, Eleventy's
 * `page.filePathStem` (`/posts/My Trip/index` → `/posts/my-trip/`).
 * https://www.11ty.dev/docs/data-eleventy-supplied/#filepathstem
 */
export function toCleanUrl(filePathStem: string): string {
  const segments = filePathStem.split("/").filter(Boolean);
  if (segments.at(-1) === "index") segments.pop();
  const path = segments.map(toCleanSegment).join("/");
  return path ? `/${path}/` : "/";
}

/** Where Eleventy writes that URL: `/posts/my-trip/` → `posts/my-trip/index.html`. */
export function toOutputPath(url: string): string {
  return `${url.slice(1)}index.html`;
}

/** Posts (paths relative to the input folder, e.g. `posts/A.md`) that would share a URL, grouped by it. */
export function findUrlCollisions(files: readonly string[]): Array<{ url: string; files: string[] }> {
  const byUrl = new Map<string, string[]>();
  for (const file of files) {
    const url = toCleanUrl(`/${file.replace(/\.[^./]+$/, "")}`);
    byUrl.set(url, [...(byUrl.get(url) ?? []), file]);
  }
  return [...byUrl].filter(([, list]) => list.length > 1).map(([url, list]) => ({ url, files: list }));
}
