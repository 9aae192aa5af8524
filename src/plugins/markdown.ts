import type { UserConfig } from "@11ty/eleventy";
import { createMarkdown } from "../markdown.ts";

/** Renders Markdown with build-time Prism highlighting and heading ids. */
export function markdownPlugin(eleventyConfig: UserConfig): void {
  // https://www.11ty.dev/docs/languages/markdown/#optional-set-your-own-library-instance
  eleventyConfig.setLibrary("md", createMarkdown());
}
