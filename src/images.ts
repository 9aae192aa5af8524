import { dirname, isAbsolute, resolve } from "node:path";

/**
 * Where a Markdown image lives on disk, or undefined when it is not ours to
 * optimise: remote (`https://…`, `//cdn…`), data URIs and site-rooted paths
 * (`/favicon.svg`, served as-is from public/) are left as the author wrote them.
 * Relative paths resolve from the post's own folder, so
 * `posts/my-post/index.md` can use `![…](photo.jpg)` beside it.
 */
export function resolveLocalImage(src: string, postInputPath: string): string | undefined {
  if (src === "" || /^[a-z][a-z\d+.-]*:/i.test(src) || src.startsWith("//") || src.startsWith("/") || isAbsolute(src)) return undefined;
  const path = decodeURI(src.split(/[?#]/)[0] ?? "");
  return resolve(dirname(postInputPath), path);
}

/** Output formats for an image: modern formats first, the original last as the fallback for old browsers. */
export function toImageFormats(originalFormat: string): string[] {
  const format = originalFormat === "jpg" ? "jpeg" : originalFormat;
  // Vector and animated images keep their format: re-encoding would lose sharpness or frames.
  if (format === "svg" || format === "gif") return [format];
  return [...new Set(["avif", "webp", format])];
}
