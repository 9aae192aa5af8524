import type { UserConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import { failBuild, formatPostErrors, PostError, reportsArePrinted } from "../build-status.ts";
import type { BuildIndex } from "../build-index.ts";
import { unknownFenceLanguageWarnings } from "../fence-languages.ts";
import { createMarkdown } from "../markdown.ts";
import { prefixRootRelativeUrls } from "../path-prefix.ts";

export interface MarkdownPluginOptions {
  /** The per-build index (src/build-index.ts): the errors found and the warnings printed in this build. */
  index: BuildIndex;
}

/** Renders Markdown with build-time Prism highlighting and heading ids. */
export function markdownPlugin(eleventyConfig: UserConfig, options: MarkdownPluginOptions): void {
  const md = createMarkdown();
  // Eleventy sets pathPrefix (config, --pathprefix or the API option) before plugins run.
  prefixRootRelativeUrls(md, eleventyConfig.pathPrefix);
  // https://www.11ty.dev/docs/languages/markdown/#optional-set-your-own-library-instance
  keepIndentedCode(md);
  eleventyConfig.setLibrary("md", md);
  collectPostErrors(eleventyConfig, options.index);
  // Once per build (a post renders once per build, but also for every listing that shows it).
  const warnOnce = (message: string) => {
    const warned = options.index.perBuild("markdown.warned", () => new Set<string>());
    if (!warned.has(message) && reportsArePrinted()) console.warn(message);
    warned.add(message);
  };
  eleventyConfig.amendLibrary("md", (library: MarkdownIt) => library.use(unknownFenceLanguageWarnings(warnOnce)));
}

/**
 * Posts are not templates, so four-space-indented code is code, as CommonMark
 * says (src/markdown.ts, addCodeBlocks). Eleventy disables it on the library it
 * is given, and does so again each time it rebuilds its Markdown engine: on
 * every rebuild under `npm start` (Engines/Markdown.js `setLibrary`). It runs
 * `amendLibrary` callbacks only once per library set with `setLibrary`
 * (Engines/TemplateEngine.js, `AMENDED_INSTANCES`, issue #3816), so an
 * amendment that enables "code" again holds for the first build only, and
 * after a save indented code became a paragraph and indented HTML real
 * markup. So this library simply refuses to turn the rule off.
 */
function keepIndentedCode(md: MarkdownIt): void {
  const disable = md.disable.bind(md);
  md.disable = (rules, ignoreInvalid) => disable((Array.isArray(rules) ? rules : [rules]).filter((rule) => rule !== "code"), ignoreInvalid);
}

/**
 * A mistake found while a post renders (a missing image, TeX or a diagram
 * that does not parse, a snippet that is not there) is a `PostError`: it is
 * collected rather than thrown, so one build reports every such mistake in
 * every post, once, as `file:line`, and then fails (no stack trace: thrown
 * from a render, Eleventy would print it wrapped, twice).
 */
function collectPostErrors(eleventyConfig: UserConfig, index: BuildIndex): void {
  const errors = () => index.perBuild("markdown.postErrors", (): PostError[] => []);
  eleventyConfig.amendLibrary("md", (library: MarkdownIt) => {
    const render = library.render.bind(library);
    library.render = (source, env) => {
      try {
        return render(source, env);
      } catch (error) {
        // A rule that finds several mistakes in one post (links to three missing posts) throws them together.
        const found = error instanceof AggregateError ? error.errors : [error];
        if (!found.every((each) => each instanceof PostError)) throw error;
        errors().push(...(found as PostError[]));
        return "";
      }
    };
  });
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }) => {
    // Taken out of the index: a second `eleventy.after` of the same build (none today) would not report them again.
    const found = errors().splice(0);
    if (found.length === 0) return;
    const count = found.length === 1 ? "1 problem" : `${found.length} problems`;
    throw await failBuild(`${count} in posts (listed above). The build FAILED.`, formatPostErrors(found), { directories, runMode }, found);
  });
}
