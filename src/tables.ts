import type MarkdownIt from "markdown-it";
import { escapeHtml } from "./html.ts";
import { toInlineReaderText } from "./reader-text.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];

/**
 * Markdown tables under the strict CSP, readable at any width:
 * - column alignment (`---:`) becomes a class (`align-right`), because
 *   markdown-it writes `style="text-align:right"`, which `style-src 'self'`
 *   blocks (the numbers would end up left-aligned, with a CSP violation);
 * - each table sits in its own scroll container, focusable by keyboard and
 *   named by its header row, so a wide table scrolls inside it, never the
 *   page, while the table keeps its table semantics (no `display: block`).
 */
export function tablesPlugin(md: MarkdownIt): void {
  md.core.ruler.push("table_alignment_classes", (state) => {
    const tokens = state.tokens;
    const out: Token[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const align = /^text-align:(left|center|right)$/.exec(token.attrGet("style") ?? "");
      if ((token.type === "th_open" || token.type === "td_open") && align) {
        token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
        token.attrJoin("class", `align-${align[1]}`);
      }
      if (token.type === "table_open") {
        const open = new state.Token("html_block", "", 0);
        // A named <section> is a region landmark natively (html-validate prefers it to role="region").
        open.content = `<section class="table-scroll" tabindex="0" aria-label="${escapeHtml(tableLabel(md, tokens, i))}">\n`;
        out.push(open);
      }
      out.push(token);
      if (token.type === "table_close") {
        const close = new state.Token("html_block", "", 0);
        close.content = "</section>\n";
        out.push(close);
      }
    }
    state.tokens = out;
  });
}

/** "Table: Region, Cold start, Price": the header cells, as a screen reader user would want to hear which table this is. */
function tableLabel(md: MarkdownIt, tokens: readonly Token[], tableOpen: number): string {
  const headers: string[] = [];
  for (let i = tableOpen; i < tokens.length && tokens[i]!.type !== "thead_close"; i++) {
    if (tokens[i]!.type === "inline" && tokens[i - 1]?.type === "th_open") {
      headers.push(toInlineReaderText(md, tokens[i]!));
    }
  }
  const label = headers.filter(Boolean).join(", ");
  return label ? `Table: ${label.length > 120 ? `${label.slice(0, 119)}…` : label}` : "Table";
}
