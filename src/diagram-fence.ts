import { createHash } from "node:crypto";
import type MarkdownIt from "markdown-it";
import { DiagramError, renderDiagram } from "./diagrams.ts";
import { parseFenceInfo } from "./highlight.ts";
import { escapeHtml } from "./html.ts";
import { fileLine, postError, postPath } from "./post-location.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];

/** ```` ```mermaid ```` (any letter case, not `diff-mermaid`): listed in RENDERED_FENCE_LANGUAGES (src/highlight.ts). */
export function isDiagramFence(token: Token, md: MarkdownIt): boolean {
  if (token.type !== "fence") return false;
  const fence = parseFenceInfo(md.utils.unescapeAll(token.info));
  return !fence.diff && fence.language === "mermaid";
}

/**
 * A ```` ```mermaid ```` fence becomes a figure: the diagram as inline SVG
 * (src/diagrams.ts) in its own keyboard-scrollable region, then its source in
 * a `<details>`, rendered by the code-block rule like any fence, for readers
 * who want the text and for feed readers that drop SVG. Every other fence goes
 * to the rule registered before this plugin, untouched: register it after the
 * code blocks. beautiful-mermaid renders synchronously, so this runs inside
 * markdown-it's (synchronous) renderer; no pre-pass is needed.
 *
 * A diagram that cannot be drawn stops the build with the post's file and
 * line; so does a line of it the renderer would not draw as written (a
 * `click`, a `style` it ignores: src/diagram-statements.ts), at that line.
 */
export function diagramsPlugin(md: MarkdownIt): void {
  const previous = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env: unknown, self) => {
    const token = tokens[idx]!;
    const renderCode = () => (previous ? previous(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options));
    if (!isDiagramFence(token, md)) return renderCode();
    // Unique on the page (the nth diagram) and across posts sharing a feed (the hash), and the same on every build.
    const nth = tokens.slice(0, idx).filter((other) => isDiagramFence(other, md)).length + 1;
    const hash = createHash("sha256").update(`${postPath(env) ?? ""}\n${token.content}`).digest("hex").slice(0, 8);
    let diagram;
    try {
      diagram = renderDiagram(token.content, `diagram_${hash}_${nth}`);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
      const fenceLine = token.map?.[0];
      // A diagram that cannot be drawn at all is reported at its fence; a statement, at its own line.
      if (!(error instanceof DiagramError && error.statement && error.line !== undefined && fenceLine !== undefined)) {
        throw postError(env, fenceLine, `this Mermaid diagram cannot be drawn: ${reason}. Fix the diagram (https://mermaid.js.org/syntax/flowchart.html), or fence it as \`\`\`text to show it as code.`);
      }
      // The fence's text starts on the line after the opening fence.
      const bodyLine = (line: number) => fenceLine + 1 + line;
      const file = postPath(env);
      const also = error.alsoAt.length ? ` (this diagram has more such lines: ${error.alsoAt.map((line) => (file ? fileLine(file, bodyLine(line)) : bodyLine(line) + 1)).join(", ")})` : "";
      throw postError(env, bodyLine(error.line), `this Mermaid line is not drawn as written: ${reason}${also}.`);
    }
    return [
      `<figure class="diagram">\n`,
      // A named <section> is a region (what role="region" says, natively): focusable, so a wide diagram scrolls by keyboard.
      `<section class="diagram-scroll" tabindex="0" aria-label="${escapeHtml(`Diagram: ${diagram.title}`)}">\n${diagram.svg}\n</section>\n`,
      `<details class="diagram-source" data-pagefind-ignore><summary>Diagram source<span class="visually-hidden">: ${escapeHtml(diagram.title)}</span></summary>\n`,
      renderCode(),
      `</details>\n</figure>\n`,
    ].join("");
  };
}
