import type { UserConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import { formatPostErrors, PostError, reportsArePrinted } from "../build-status.ts";
import { unknownFenceLanguageWarnings } from "../fence-languages.ts";
import { createMarkdown } from "../markdown.ts";
import { prefixRootRelativeUrls } from "../path-prefix.ts";
import { failBuild } from "./clean-output.ts";

/** Renders Markdown with build-time Prism highlighting and heading ids. */
export function markdownPlugin(eleventyConfig: UserConfig): void {
  const md = createMarkdown();
  // Eleventy sets pathPrefix (config, --pathprefix or the API option) before plugins run.
  prefixRootRelativeUrls(md, eleventyConfig.pathPrefix);
  // https://www.11ty.dev/docs/languages/markdown/#optional-set-your-own-library-instance
  eleventyConfig.setLibrary("md", md);
  // Eleventy disables indented code blocks on the library it is given; posts are not templates, so
  // four-space-indented code is code, as CommonMark says (src/markdown.ts, addCodeBlocks).
  eleventyConfig.amendLibrary("md", (library: MarkdownIt) => library.enable("code"));
  collectPostErrors(eleventyConfig);
  // Once per build (a post renders once per build, but also for every listing that shows it).
  let warned = new Set<string>();
  eleventyConfig.on("eleventy.before", () => {
    warned = new Set();
  });
  const warnOnce = (message: string) => {
    if (!warned.has(message) && reportsArePrinted()) console.warn(message);
    warned.add(message);
  };
  eleventyConfig.amendLibrary("md", (library: MarkdownIt) => library.use(unknownFenceLanguageWarnings(warnOnce)));
}

/**
 * A mistake found while a post renders (a missing image, TeX or a diagram
 * that does not parse, a snippet that is not there) is a `PostError`: it is
 * collected rather than thrown, so one build reports every such mistake in
 * every post, once, as `file:line`, and then fails (no stack trace: thrown
 * from a render, Eleventy would print it wrapped, twice).
 */
function collectPostErrors(eleventyConfig: UserConfig): void {
  let errors: PostError[] = [];
  eleventyConfig.on("eleventy.before", () => {
    errors = [];
  });
  eleventyConfig.amendLibrary("md", (library: MarkdownIt) => {
    const render = library.render.bind(library);
    library.render = (source, env) => {
      try {
        return render(source, env);
      } catch (error) {
        if (!(error instanceof PostError)) throw error;
        errors.push(error);
        return "";
      }
    };
  });
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }) => {
    if (errors.length === 0) return;
    const found = errors;
    errors = [];
    const count = found.length === 1 ? "1 problem" : `${found.length} problems`;
    throw await failBuild(`${count} in posts (listed above). The build FAILED.`, formatPostErrors(found), { directories, runMode }, found);
  });
}
