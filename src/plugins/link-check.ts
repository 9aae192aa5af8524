import { existsSync } from "node:fs";
import { join } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { checkLinks, formatLinkProblems, type BuiltPage } from "../link-check.ts";
import { isPostAssetPath } from "../post-assets.ts";
import { failBuild } from "./clean-output.ts";

/** Site paths whose links are not checked: Pagefind's index, written by the search plugin after the link check may run. */
export const DEFAULT_IGNORED_PATHS: readonly string[] = ["/pagefind/"];

export interface LinkCheckPluginOptions {
  /** Folder copied as-is to the site root (eleventy.config.ts: `addPassthroughCopy({ public: "/" })`). */
  publicDir?: string;
  /** Site paths other tools write after the build, e.g. Pagefind's index: links into them are not checked. */
  ignore?: readonly string[];
}

/**
 * After a build, every internal link and `#fragment` must point at a page,
 * file or element the build wrote; otherwise the build fails naming the page
 * and the link. Under `npm start` the same report is a warning.
 */
export function linkCheckPlugin(eleventyConfig: UserConfig, options: LinkCheckPluginOptions = {}): void {
  // https://www.11ty.dev/docs/events/#eleventy.after
  eleventyConfig.on("eleventy.after", async ({ results, directories, runMode, outputMode }) => {
    // `npm run check` runs Eleventy with toJSON() and checks links itself.
    if (outputMode !== "fs") return;
    const pages = results.filter((page): page is BuiltPage => typeof page.url === "string" && typeof page.outputPath === "string");
    const publicDir = join(directories.input, options.publicDir ?? "public");
    const problems = checkLinks(pages, {
      // The `url` filter knows the final path prefix, including one given on the command line.
      pathPrefix: String(eleventyConfig.getFilter("url")("/")),
      // Passthrough copies are in the output folder, or only in public/ or beside the post when the dev server serves them in place.
      fileExists: (path) =>
        existsSync(join(directories.output, path)) || existsSync(join(publicDir, path)) || (isPostAssetPath(path) && existsSync(join(directories.input, path))),
      ignore: options.ignore ?? DEFAULT_IGNORED_PATHS,
    });
    if (problems.length === 0) return;
    const report = `${formatLinkProblems(problems)}\n\nFix each link, or the page it points at.\n`;
    if (runMode !== "build") {
      console.warn(`[link check] ${report}`);
      return;
    }
    const count = problems.length === 1 ? "1 broken internal link" : `${problems.length} broken internal links`;
    throw await failBuild(`${count} (listed above). The build FAILED.`, report, { directories, runMode });
  });
}
