import type MarkdownIt from "markdown-it";

/** One heading of a post's table of contents. */
export interface TocEntry {
  id: string;
  text: string;
  /** 2 for `##`, 3 for `###`. */
  level: number;
}

/** A table of contents is shown only when a post has at least this many h2/h3 headings. */
export const MIN_TOC_HEADINGS = 3;

/**
 * Markdown-it env: Eleventy passes the page's data object as `env` when it
 * renders a template (Engines/Markdown.js: `mdlib.render(str, data)`), so a
 * core rule can leave the headings on the page data for the layout, without
 * re-parsing the rendered HTML.
 */
export interface TocEnv {
  toc?: TocEntry[];
}

/** The h2/h3 headings of a token stream, with the ids the heading_ids rule gave them. */
export function collectHeadings(tokens: ReadonlyArray<{ type: string; tag: string; attrGet(name: string): string | null; children: Array<{ type: string; content: string }> | null }>): TocEntry[] {
  const entries: TocEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== "heading_open" || (token.tag !== "h2" && token.tag !== "h3")) continue;
    const id = token.attrGet("id");
    if (!id) continue;
    entries.push({ id, text: headingText(tokens[i + 1]?.children ?? []), level: token.tag === "h2" ? 2 : 3 });
  }
  return entries;
}

/** The readable text of a heading's inline tokens (text and inline code, no markup). */
export function headingText(children: ReadonlyArray<{ type: string; content: string }>): string {
  return children.filter((t) => t.type === "text" || t.type === "code_inline").map((t) => t.content).join("").trim();
}

/** The entries to show, or none when the post is too short to need a table of contents. */
export function toTableOfContents(entries: readonly TocEntry[] | undefined): TocEntry[] {
  return entries && entries.length >= MIN_TOC_HEADINGS ? [...entries] : [];
}

/** Registers the core rule that stores the headings on `env.toc`; run it after heading ids are set. */
export function tocPlugin(md: MarkdownIt): void {
  md.core.ruler.push("toc_headings", (state) => {
    const env = state.env as TocEnv | undefined;
    if (env && typeof env === "object") env.toc = collectHeadings(state.tokens);
  });
}
