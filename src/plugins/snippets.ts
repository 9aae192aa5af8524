import type { UserConfig } from "@11ty/eleventy";

/**
 * `npm start` rebuilds when a file included with `<<< ./example.ts` changes
 * (src/snippets.ts): Eleventy watches templates and copied assets, not the
 * source files beside a post. https://www.11ty.dev/docs/watch-serve/#add-your-own-watch-targets
 */
export function snippetsWatchPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addWatchTarget("./posts/**/*");
}
