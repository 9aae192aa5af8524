import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { listCopiedPostFiles } from "../post-assets.ts";

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
 * https://www.11ty.dev/docs/ignores/ https://www.11ty.dev/docs/copy/
 */
export function postFilesPlugin(eleventyConfig: UserConfig, options: PostFilesOptions): void {
  const postsDir = options.postsDir ?? "posts";
  const others = options.templateFormats.filter((format) => format !== "md");
  if (others.length > 0) eleventyConfig.ignores.add(`${postsDir}/**/*.${others.length === 1 ? others[0] : `{${others.join(",")}}`}`);
  const files = listFiles(postsDir).map((file) => `posts/${file}`);
  for (const { file, output } of listCopiedPostFiles(files)) {
    eleventyConfig.addPassthroughCopy({ [join(postsDir, file.slice("posts/".length)).split(sep).join("/")]: output });
  }
}

function listFiles(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join("/"));
  } catch {
    return [];
  }
}
