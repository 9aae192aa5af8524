import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { POST_ASSET_EXTENSIONS } from "../post-assets.ts";
import { toCleanSegment, toCleanUrl, toOutputPath } from "../post-urls.ts";

interface PermalinkData {
  page: { filePathStem: string };
}

/**
 * Every template without a permalink of its own is written at the clean URL
 * of its file name (src/post-urls.ts): `posts/My Post File.md` →
 * `/posts/my-post-file/`. A permalink function in global data is the lowest
 * layer of the data cascade, so any `permalink` in front matter or directory
 * data still wins. https://www.11ty.dev/docs/permalinks/#permalink-functions
 */
export function cleanUrlsPlugin(eleventyConfig: UserConfig, options: { postsDir?: string } = {}): void {
  eleventyConfig.addGlobalData("permalink", () => (data: PermalinkData) => toOutputPath(toCleanUrl(data.page.filePathStem)));

  // Files beside a post in a folder that was renamed for its URL follow it, so `[Download](guide.pdf)`
  // in `posts/My Trip/index.md` finds `/posts/my-trip/guide.pdf`. Folders already clean are copied by
  // the POST_ASSETS glob as they are.
  const postsDir = options.postsDir ?? "posts";
  const asset = new RegExp(`\\.(?:${POST_ASSET_EXTENSIONS.join("|")})$`, "i");
  for (const file of listFiles(postsDir)) {
    if (!asset.test(file)) continue;
    const segments = file.split("/");
    const folders = segments.slice(0, -1);
    if (folders.every((folder) => toCleanSegment(folder) === folder)) continue;
    eleventyConfig.addPassthroughCopy({ [file]: [...folders.map(toCleanSegment), segments.at(-1)!].join("/") });
  }
}

function listFiles(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(".", join(entry.parentPath, entry.name)).split(sep).join("/"));
  } catch {
    return [];
  }
}
