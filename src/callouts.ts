import type MarkdownIt from "markdown-it";
import githubAlerts from "markdown-it-github-alerts";
import { escapeHtml } from "./html.ts";

/** The five alert kinds GitHub renders: https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#alerts */
export const CALLOUT_KINDS = ["note", "tip", "important", "warning", "caution"] as const;

interface AlertMeta {
  type: string;
  title: string;
}

/**
 * `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]` as on GitHub, parsed by
 * markdown-it-github-alerts. Its rendering is replaced: no inline SVG icon (its octicons carry
 * classes we have no CSS for and say nothing to a screen reader), a visible, bold title ("Note")
 * so the kind is told in words, not by colour alone, also in feed readers that drop our CSS, and
 * a title the author wrote after the marker (`> [!TIP] Try this`) escaped like any other text.
 * `role="note"` is ARIA's "parenthetic or ancillary" section: https://www.w3.org/TR/wai-aria-1.2/#note
 */
export function calloutsPlugin(md: MarkdownIt): void {
  md.use(githubAlerts, { classPrefix: "callout", icons: {} });
  md.core.ruler.after("github-alerts", "callout_nesting", pairWithOwnClose);
  md.renderer.rules.alert_open = (tokens, idx) => {
    const { type, title } = tokens[idx]!.meta as AlertMeta;
    return `<div class="callout callout-${escapeHtml(type)}" role="note">\n<p class="callout-title"><strong>${escapeHtml(title)}</strong></p>\n`;
  };
  md.renderer.rules.alert_close = () => "</div>\n";
}

/**
 * markdown-it-github-alerts 1.0 closes an alert at the first `blockquote_close` after it, which
 * is a nested quote's (`> [!NOTE]\n> > quoted`): the page would get `<div><blockquote></div>`.
 * The right close is the next one at the alert's own nesting level; move the alert's end there.
 */
function pairWithOwnClose(state: { tokens: Array<{ type: string; tag: string; level: number }> }): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== "alert_open") continue;
    const own = tokens.findIndex((token, j) => j > i && (token.type === "blockquote_close" || token.type === "alert_close") && token.level === open.level);
    const taken = tokens.findIndex((token, j) => j > i && token.type === "alert_close");
    if (own === -1 || taken === -1 || own === taken) continue;
    Object.assign(tokens[taken]!, { type: "blockquote_close", tag: "blockquote" });
    Object.assign(tokens[own]!, { type: "alert_close", tag: "div" });
  }
}
