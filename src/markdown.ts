import MarkdownIt from "markdown-it";
import { highlightCode } from "./highlight.ts";
import { toSlug } from "./slugs.ts";

/**
 * The Markdown library Eleventy renders posts with. Authors' raw HTML is
 * allowed: content in this repository is trusted (see README, "Security").
 */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  // markdown-it passes the first word of the fence info; the rest is ignored.
  md.options.highlight = (code, language) => highlightCode(code, language);
  addHeadingIds(md);
  return md;
}

/**
 * Stable, unique ids on every heading, derived from its text, so links to
 * `#section` survive rebuilds. Ids are unique within one document.
 */
function addHeadingIds(md: MarkdownIt): void {
  md.core.ruler.push("heading_ids", (state) => {
    const used = new Map<string, number>();
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type !== "heading_open" || token.attrGet("id")) continue;
      const text = tokens[i + 1]?.children?.filter((t) => t.type === "text" || t.type === "code_inline").map((t) => t.content).join("") ?? "";
      const base = toSlug(text) || "section";
      const count = used.get(base) ?? 0;
      used.set(base, count + 1);
      token.attrSet("id", count === 0 ? base : `${base}-${count + 1}`);
    }
  });
}
