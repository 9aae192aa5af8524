import type { UserConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import { createMarkdown } from "../markdown.ts";
import { prefixRootRelativeUrls } from "../path-prefix.ts";

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
}
