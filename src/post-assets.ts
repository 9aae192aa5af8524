/**
 * Files beside a post that the build copies as they are, at the same path
 * (`posts/trip/guide.pdf` → `/posts/trip/guide.pdf`), so a post in its own
 * folder can link them relatively: `[Download](guide.pdf)`. Markdown is not
 * in the list: it is the post itself. Images shown with `![alt](photo.jpg)`
 * are also optimised into /img/ (src/plugins/images.ts); the copy serves
 * plain links to the original.
 */
export const POST_ASSET_EXTENSIONS = [
  // Not json/yaml: posts/posts.json is directory data, not an asset.
  "pdf", "zip", "gz", "tgz", "txt", "csv", "xml",
  "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico",
  "mp3", "ogg", "wav", "mp4", "webm", "mov",
  "ppt", "pptx", "key", "doc", "docx", "xls", "xlsx", "odt", "ods", "odp",
  "epub", "ttf", "woff", "woff2",
] as const;

/** Eleventy passthrough copy glob (https://www.11ty.dev/docs/copy/#using-globs). */
export const POST_ASSETS = `posts/**/*.{${POST_ASSET_EXTENSIONS.join(",")}}`;

const ASSET = new RegExp(`\\.(?:${POST_ASSET_EXTENSIONS.join("|")})$`, "i");

/** Whether a site path (without path prefix), e.g. `/posts/trip/guide.pdf`, is a post asset the build copies. */
export function isPostAssetPath(sitePath: string): boolean {
  return sitePath.startsWith("/posts/") && ASSET.test(sitePath);
}
