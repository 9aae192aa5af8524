import { existsSync } from "node:fs";
import { join } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import { checkLinks, DEFAULT_IGNORED_PATHS, formatLinkProblems, locateLinkProblems, readSource, type BuiltPage } from "../link-check.ts";
import { isPostAssetPath } from "../post-assets.ts";
import { sourceLinksPlugin, whyUnpublished, type SourceIndex } from "../source-links.ts";
import { failBuild } from "../build-status.ts";

export interface LinkCheckPluginOptions {
  /** Folder copied as-is to the site root (eleventy.config.ts: `addPassthroughCopy({ public: "/" })`). */
  publicDir?: string;
  /** Site paths other tools write after the build, e.g. Pagefind's index: links into them are not checked. */
  ignore?: readonly string[];
}

/**
 * Markdown links to a post's source file (`[x](./other.md#setup)`) become
 * links to its page while Markdown is parsed (src/source-links.ts), from
 * Eleventy's content map, which every build (and every `npm start` rebuild)
 * emits after it knows each template's URL and before any template renders
 * (TemplateMap#cache). https://www.11ty.dev/docs/events/#eleventy.contentmap
 */
function resolveSourceLinks(eleventyConfig: UserConfig): void {
  let inputDir = "./";
  let index: SourceIndex | undefined;
  eleventyConfig.on("eleventy.before", ({ directories }) => {
    inputDir = directories.input;
    index = undefined;
  });
  eleventyConfig.on("eleventy.contentMap", ({ inputPathToUrl }: { inputPathToUrl: SourceIndex["inputPathToUrl"] }) => {
    index = { inputPathToUrl, inputDir, fileExists: existsSync, whyUnpublished };
  });
  // Eleventy knows the final path prefix (config, --pathprefix or the API option) before plugins run.
  eleventyConfig.amendLibrary("md", (md: MarkdownIt) => md.use(sourceLinksPlugin, { index: () => index, pathPrefix: () => eleventyConfig.pathPrefix }));
}

/**
 * After a build, every internal link and `#fragment` must point at a page,
 * file or element the build wrote; otherwise the build fails naming the page
 * and the link. Under `npm start` the same report is a warning.
 */
export function linkCheckPlugin(eleventyConfig: UserConfig, options: LinkCheckPluginOptions = {}): void {
  resolveSourceLinks(eleventyConfig);
  // https://www.11ty.dev/docs/events/#eleventy.after
  eleventyConfig.on("eleventy.after", async ({ results, directories, runMode, outputMode }) => {
    // `npm run check` runs Eleventy with toJSON() and checks links itself.
    if (outputMode !== "fs") return;
    const pages = results.filter((page): page is BuiltPage => typeof page.url === "string" && typeof page.outputPath === "string");
    const publicDir = join(directories.input, options.publicDir ?? "public");
    // Eleventy's one path prefix (config, --pathprefix or the API option); checkLinks normalises it (src/routes.ts).
    const pathPrefix = eleventyConfig.pathPrefix;
    const found = checkLinks(pages, {
      pathPrefix,
      // Passthrough copies are in the output folder, or only in public/ or beside the post when the dev server serves them in place.
      fileExists: (path) =>
        existsSync(join(directories.output, path)) || existsSync(join(publicDir, path)) || (isPostAssetPath(path, (file) => existsSync(join(directories.input, file))) && existsSync(join(directories.input, path))),
      ignore: options.ignore ?? DEFAULT_IGNORED_PATHS,
    });
    if (found.length === 0) return;
    const problems = locateLinkProblems(found, readSource, pathPrefix);
    const report = `${formatLinkProblems(problems)}\n\nFix each link, or the page it points at.\n`;
    if (runMode !== "build") {
      console.warn(`[link check] ${report}`);
      return;
    }
    const count = problems.length === 1 ? "1 broken internal link" : `${problems.length} broken internal links`;
    throw await failBuild(`${count} (listed above). The build FAILED.`, report, { directories, runMode });
  });
}
