import type { UserConfig } from "@11ty/eleventy";
import { toOutputPath, toPostUrl } from "../post-urls.ts";

interface PermalinkData {
  page: { inputPath: string };
  eleventy: { directories: { input: string } };
}

/** `./site/posts/a.md` with input folder `./site/` → `posts/a.md`. */
function relativeToInput(inputPath: string, inputDir: string): string {
  const path = inputPath.replace(/^\.\//, "");
  const dir = inputDir.replace(/^\.\//, "").replace(/\/?$/, "/");
  return dir !== "/" && path.startsWith(dir) ? path.slice(dir.length) : path;
}

/**
 * Every template without a permalink of its own is written at the clean URL
 * of its input path (src/post-urls.ts): `posts/2023-01-10-My Post.md` →
 * `/posts/my-post/`. The same function finds two posts sharing a URL before
 * the build (src/validate-posts.ts), so the blog, not Eleventy's "Output
 * conflict", names them. A permalink function in global data is the lowest
 * layer of the data cascade, so any `permalink` in front matter or directory
 * data still wins. https://www.11ty.dev/docs/permalinks/#permalink-functions
 */
export function cleanUrlsPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addGlobalData("permalink", () => (data: PermalinkData) => toOutputPath(toPostUrl(relativeToInput(data.page.inputPath, data.eleventy.directories.input))));
}
