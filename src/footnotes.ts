import type MarkdownIt from "markdown-it";
import type { PluginSimple } from "markdown-it";
import footnote from "markdown-it-footnote";

/**
 * How many notes public/styles.css places beside their paragraph as sidenotes (one
 * `#fnref_N`/`#fn_N` rule pair each: CSS cannot make anchor names from a counter). Notes
 * beyond it stay in the list at the end of the post. tests/unit/footnotes.test.ts checks the
 * stylesheet against this number.
 */
export const SIDENOTE_LIMIT = 40;

interface FootnoteMeta {
  id: number;
  subId?: number;
}

interface FootnoteEnv {
  footnotes?: { list?: Array<{ count?: number }> };
}

/**
 * `[^1]` footnotes and `^[inline]` notes, parsed by markdown-it-footnote, rendered so that:
 * - ids can never equal a heading's (those are slugs: lower-case letters, digits and `-`, see
 *   src/slugs.ts), so they contain `_`: `fnref_1`, `fnref_1_2` for a second reference to note 1,
 *   `fn_1` for the note. The plugin's `fnref1:1` needs escaping in every CSS selector.
 * - the reference's accessible name says what it is ("Footnote 1", containing the visible "1",
 *   WCAG 2.5.3), and each back-link says where it goes ("Back to reference 1"; "…, 2 of 3" when
 *   a note is referenced more than once: axe's label-in-name check wants the visible "2" as a word), as aria-label, so feed readers show only the digits.
 * - the list is a section with a real heading instead of an `<hr>` (Nu warns on a heading-less
 *   section; a feed reader shows "Notes"), so it also reads well at the end of a feed entry.
 * Where the screen is wide enough, the stylesheet moves each note beside its first reference
 * (CSS anchor positioning); the text is in the HTML once. https://github.com/markdown-it/markdown-it-footnote
 */
export function footnotesPlugin(md: MarkdownIt): void {
  // @types/markdown-it-footnote types the plugin against markdown-it's CommonJS declarations; it is the same function.
  md.use(footnote as unknown as PluginSimple);
  const rules = md.renderer.rules;
  rules.footnote_ref = (tokens, idx) => {
    const { id, subId = 0 } = tokens[idx]!.meta as FootnoteMeta;
    const n = id + 1;
    return `<sup class="footnote-ref"><a href="#fn_${n}" id="${refId(n, subId)}" aria-label="Footnote ${n}">${n}</a></sup>`;
  };
  rules.footnote_block_open = () => `<section class="footnotes">\n<h2 class="footnotes-title">Notes</h2>\n<ol class="footnotes-list">\n`;
  rules.footnote_block_close = () => "</ol>\n</section>\n";
  rules.footnote_open = (tokens, idx) => `<li id="fn_${(tokens[idx]!.meta as FootnoteMeta).id + 1}" class="footnote-item">`;
  rules.footnote_close = () => "</li>\n";
  rules.footnote_anchor = (tokens, idx, _options, env: FootnoteEnv) => {
    const { id, subId = 0 } = tokens[idx]!.meta as FootnoteMeta;
    const n = id + 1;
    const count = env.footnotes?.list?.[id]?.count ?? 1;
    const label = count > 1 ? `Back to reference ${n}, ${subId + 1} of ${count}` : `Back to reference ${n}`;
    // U+FE0E asks for the text form of ↩, not an emoji (as the plugin does).
    return ` <a href="#${refId(n, subId)}" class="footnote-backref" aria-label="${label}">\u21a9\ufe0e${count > 1 ? subId + 1 : ""}</a>`;
  };
}

function refId(n: number, subId: number): string {
  return subId > 0 ? `fnref_${n}_${subId + 1}` : `fnref_${n}`;
}
