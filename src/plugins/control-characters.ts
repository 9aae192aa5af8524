import type { UserConfig } from "@11ty/eleventy";
import { removeControlCharactersFromJson, removeControlCharactersFromMarkup } from "../control-characters.ts";

/**
 * Removes the characters XML and HTML forbid (src/control-characters.ts) from
 * every page and feed as it is written, whatever they came from: the post
 * body, front matter, an entity, raw HTML. `npm run check` reports them in the
 * sources. One pass over the output, not one per field: nothing can slip past it.
 */
export function controlCharactersPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addTransform("control-characters", (content: string, path: string) => {
    if (typeof path !== "string" || typeof content !== "string") return content;
    if (path.endsWith(".json")) return removeControlCharactersFromJson(content);
    if (/\.(?:html|xml|xsl|svg)$/.test(path)) return removeControlCharactersFromMarkup(content);
    return content;
  });
}
