import { existsSync, lstatSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { classifyPostFile, toCopiedPath } from "../post-assets.ts";

export interface PostFilesOptions {
  /** The posts folder, relative to the working directory (Eleventy resolves passthrough paths from there). */
  postsDir?: string;
  /** The site's template formats: every one but Markdown is kept from becoming a page inside posts/. */
  templateFormats: readonly string[];
}

/**
 * Only Markdown files in posts/ are posts (src/post-assets.ts). A `.njk`
 * layout saved beside a post, to show it with `<<< ./base.njk`, would
 * otherwise be a page and an untitled entry in the feeds. Every other file is
 * copied beside the post's page; Eleventy globs templates and passthrough
 * copies separately (a copied path is not excluded from templates), so the
 * formats are ignored here for posts/ and no file is both.
 *
 * One passthrough entry for the whole folder, not one per file: Eleventy's
 * copier (@11ty/recursive-copy) walks the folder on every build, so a file
 * added under `npm start` is copied at the next rebuild and a deleted one is
 * simply not found (a list made when the config loads would name it, and every
 * rebuild would fail with ENOENT). `filter` decides which files, `rename`
 * where they go.
 * https://www.11ty.dev/docs/ignores/ https://www.11ty.dev/docs/copy/#advanced-options
 */
export function postFilesPlugin(eleventyConfig: UserConfig, options: PostFilesOptions): void {
  const postsDir = options.postsDir ?? "posts";
  const others = options.templateFormats.filter((format) => format !== "md");
  if (others.length > 0) eleventyConfig.ignores.add(`${postsDir}/**/*.${others.length === 1 ? others[0] : `{${others.join(",")}}`}`);
  // Keyed by its absolute path: under `--incremental` Eleventy takes a changed file inside a relative passthrough
  // folder for a copy-only change and rebuilds no template, so an edited post would not be rebuilt.
  // (TemplatePassthroughManager.isPassthroughCopyFile.) A file added under `--incremental` is copied at the next full build.
  eleventyConfig.addPassthroughCopy({ [resolve(postsDir)]: "posts" }, {
    filter: (relative: string) => isCopiedFile(postsDir, toPostsPath(relative)),
    rename: (relative: string) => toCopiedPath(toPostsPath(relative)).slice("posts/".length),
  });
}

/** recursive-copy's paths are relative to the posts folder, in the platform's spelling; ours are relative to the input folder. */
function toPostsPath(relative: string): string {
  return `posts/${relative.split(sep).join("/")}`;
}

/**
 * Asked afresh on every build. Only regular files: folders are made for the
 * files in them (under their clean names, never the author's spelling), and a
 * symlink is neither followed nor copied, as a link could point out of posts/.
 */
function isCopiedFile(postsDir: string, file: string): boolean {
  const onDisk = (path: string) => join(postsDir, path.slice("posts/".length));
  try {
    if (!lstatSync(onDisk(file)).isFile()) return false;
  } catch {
    return false; // deleted while the folder was read
  }
  return classifyPostFile(file, (other) => existsSync(onDisk(other))) === "copy";
}
