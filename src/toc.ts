import type MarkdownIt from "markdown-it";
import { toInlineReaderText } from "./reader-text.ts";

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

type Token = ReturnType<MarkdownIt["parse"]>[number];

/** The h2/h3 headings of a token stream, with the ids the heading_ids rule gave them and their reader text. */
export function collectHeadings(md: MarkdownIt, tokens: readonly Token[]): TocEntry[] {
  const entries: TocEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== "heading_open" || (token.tag !== "h2" && token.tag !== "h3")) continue;
    const id = token.attrGet("id");
    const inline = tokens[i + 1];
    if (!id || !inline) continue;
    entries.push({ id, text: headingText(md, inline), level: token.tag === "h2" ? 2 : 3 });
  }
  return entries;
}

/**
 * A heading as a reader sees it: the reader text of the heading as the page renders it
 * (src/reader-text.ts, toInlineReaderText), so the table of contents and the section link's
 * name keep its formula (`E=mc²`), its image's alt and its code, and drop its footnote reference.
 */
export function headingText(md: MarkdownIt, inline: Token): string {
  return toInlineReaderText(md, inline);
}

/** The entries to show, or none when the post is too short to need a table of contents. */
export function toTableOfContents(entries: readonly TocEntry[] | undefined): TocEntry[] {
  return entries && entries.length >= MIN_TOC_HEADINGS ? [...entries] : [];
}

/** Registers the core rule that stores the headings on `env.toc`; run it after heading ids are set. */
export function tocPlugin(md: MarkdownIt): void {
  md.core.ruler.push("toc_headings", (state) => {
    const env = state.env as TocEnv | undefined;
    if (env && typeof env === "object") env.toc = collectHeadings(md, state.tokens);
  });
}
