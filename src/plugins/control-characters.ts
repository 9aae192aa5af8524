import type { UserConfig } from "@11ty/eleventy";
import yaml from "js-yaml";
import { removeControlCharacters, removeControlCharactersFromJson, removeControlCharactersFromMarkup } from "../control-characters.ts";

/**
 * Removes the characters XML and HTML forbid (src/control-characters.ts) from
 * every page and feed as it is written, whatever they came from: the post
 * body, front matter, an entity, raw HTML. `npm run check` reports them in the
 * sources. One pass over the output, not one per field: nothing can slip past it.
 */
export function controlCharactersPlugin(eleventyConfig: UserConfig): void {
  // YAML refuses a raw form feed or ESC pasted into a title ("the stream contains non-printable
  // characters"); front matter is read without them, as src/validate-posts.ts reads it.
  // https://www.11ty.dev/docs/data-frontmatter-customize/
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: (text: string) => yaml.load(removeControlCharacters(text)) } });
  eleventyConfig.addTransform("control-characters", (content: string, path: string) => {
    if (typeof path !== "string" || typeof content !== "string") return content;
    if (path.endsWith(".json")) return removeControlCharactersFromJson(content);
    if (/\.(?:html|xml|xsl|svg)$/.test(path)) return removeControlCharactersFromMarkup(content);
    return content;
  });
}
