import type MarkdownIt from "markdown-it";
import type { StateCore, StateInline } from "markdown-it";
import texmath from "markdown-it-texmath";
import temmlModule from "temml";
import { escapeHtml } from "./html.ts";
import { postError } from "./post-location.ts";

/**
 * `$…$` (inline) and `$$…$$` (display, also inside a paragraph; `$$…$$ (1)` numbers it) become
 * MathML at build time: markdown-it-texmath finds the TeX, Temml turns it into MathML, which
 * browsers render natively (MathML Core: Chromium 109+, Firefox, Safari). No font, stylesheet or
 * script is sent for it. https://temml.org/docs/en/administration
 *
 * When a `$` opens inline math is Pandoc's rule (`pandocInlineMath` below); `$$` is texmath's.
 * https://pandoc.org/MANUAL.html#extension-tex_math_dollars
 */
export function mathPlugin(md: MarkdownIt): void {
  md.use(texmath, { engine: temml, delimiters: "dollars" });
  md.inline.ruler.at("math_inline", pandocInlineMath);
  md.core.ruler.after("inline", "math_lines", recordInlineMathLines);
  const rules = md.renderer.rules;
  rules.math_inline = (tokens, idx, _options, env) => toMathMl(tokens[idx]!.content, false, env, tokens[idx]!.meta);
  // `$$…$$` inside a paragraph: a block of phrasing content, since a <div> cannot be in a <p>.
  rules.math_inline_double = (tokens, idx, _options, env) => displayMath("span", toMathMl(tokens[idx]!.content, true, env, tokens[idx]!.meta));
  rules.math_block = (tokens, idx, _options, env) => `${displayMath("div", toMathMl(tokens[idx]!.content, true, env, lineOf(tokens[idx]!.map)))}\n`;
  rules.math_block_eqno = (tokens, idx, _options, env) => {
    const token = tokens[idx]!;
    return `${displayMath("div", toMathMl(token.content, true, env, lineOf(token.map)), token.info)}\n`;
  };
}

/**
 * Pandoc's `$…$`: the opening `$` has a non-space character right after it; the math ends at the
 * next `$` that is not escaped (`\$`), which must have a non-space character before it and no
 * digit after it, or there is no math and the `$` is a dollar sign. So "$5 and $10" and
 * "costs $5, or $10." stay text. texmath 1.0's own `$…$` rule differs: it lets the math run on
 * past a `$` to a later one ("$5 and $10 and $x$" became one formula).
 * https://github.com/jgm/pandoc/blob/main/src/Text/Pandoc/Readers/Markdown.hs (inlineMath)
 */
function pandocInlineMath(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== "$") return false;
  if (src[start + 1] === "$") {
    // A `$$` that is not display math (texmath's rule runs first) is two dollar signs, not a `$` and an opening one.
    if (!silent) state.pending += "$$";
    state.pos += 2;
    return true;
  }
  const first = src[start + 1];
  if (first === undefined || /\s/.test(first)) return false;
  for (let pos = start + 1; pos < state.posMax; pos++) {
    if (src[pos] === "\\") {
      pos++;
      continue;
    }
    if (src[pos] !== "$") continue;
    if (/\s/.test(src[pos - 1]!) || /[0-9]/.test(src[pos + 1] ?? "")) return false;
    if (!silent) {
      const token = state.push("math_inline", "math", 0);
      token.content = src.slice(start + 1, pos);
      token.markup = "$";
    }
    state.pos = pos + 1;
    return true;
  }
  return false;
}

interface MathMeta {
  /** 0-based line of the post body the TeX starts on. */
  line?: number;
}

const lineOf = (map: [number, number] | null): MathMeta => ({ line: map?.[0] });

/**
 * A wide equation scrolls inside its own box, never the page, and the box can be scrolled from
 * the keyboard (tabindex, like tables in src/tables.ts); "group" with a name, not a landmark.
 */
function displayMath(tag: "div" | "span", mathMl: string, number?: string): string {
  const label = number ? `Equation (${escapeHtml(number)})` : "Equation";
  const eqno = number ? `<span class="math-number">(${escapeHtml(number)})</span>` : "";
  return `<${tag} class="math-display" role="group" tabindex="0" aria-label="${label}">${mathMl}${eqno}</${tag}>`;
}

/**
 * Inline math tokens carry no line; the inline token they came from does. Each formula is found
 * in the paragraph's source, in order, to count the lines before it.
 */
function recordInlineMathLines(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.map || !block.children) continue;
    let from = 0;
    for (const child of block.children) {
      if (child.type !== "math_inline" && child.type !== "math_inline_double") continue;
      const at = block.content.indexOf(child.content, from);
      if (at === -1) continue;
      from = at + child.content.length;
      child.meta = { line: block.map[0] + (block.content.slice(0, at).match(/\n/g)?.length ?? 0) } satisfies MathMeta;
    }
  }
}

/**
 * Temml 0.13's ES module exports one object, `temml`; its temml.d.ts is written as CommonJS with
 * named exports, which TypeScript then reads as the module's default. This is the object as it is
 * at run time, as far as we use it. `__renderToMathMLTree` is the tree `renderToString` prints
 * (`renderToMathMLTree(tex, options).toMarkup()`), which we rewrite before printing.
 */
interface Temml {
  renderToString(tex: string, options?: temmlModule.Options): string;
  __renderToMathMLTree(tex: string, options?: temmlModule.Options): MathNode;
}
const temml = temmlModule as unknown as Temml;

/** Temml's MathML tree, as far as we rewrite it. */
interface MathNode {
  type?: string;
  classes?: string[];
  style?: Record<string, string | number>;
  attributes?: Record<string, string>;
  children?: MathNode[];
  toMarkup(): string;
}

/**
 * TeX to MathML. Temml throws on TeX it cannot parse (`throwOnError`); that stops the build
 * with the post, the line, the TeX and Temml's message. The TeX source is kept as an
 * `<annotation encoding="application/x-tex">` (`annotate`), for copy, search and assistive tech.
 */
export function toMathMl(source: string, displayMode: boolean, env: unknown, meta: MathMeta | null | undefined): string {
  // `$$` on lines of their own leaves the TeX between line breaks.
  const tex = source.trim();
  let tree: MathNode;
  try {
    tree = temml.__renderToMathMLTree(tex, { displayMode, throwOnError: true, annotate: true });
  } catch (error) {
    const delimiter = displayMode ? "$$" : "$";
    const message = (error instanceof Error ? error.message : String(error)).replace(/^\s*ParseError:\s*/, "").trim();
    throw postError(env, meta?.line, `the math ${delimiter}${tex}${delimiter} is not TeX that Temml can read: ${message}. Fix the TeX, or write \\$ for a dollar sign that is not math.`);
  }
  withoutInlineStyles(tree);
  return tree.toMarkup();
}

/**
 * Temml writes `style` attributes (the page's CSP, `style-src 'self'`, blocks them, and we write
 * none): declarations we have a rule for become classes (public/styles.css, "math"), the rest
 * is dropped. Dropped on purpose: colours (`\color`, `\colorbox`: an author's red cannot be
 * checked for contrast against both our light and dark backgrounds, so math is in the text
 * colour; same for the `mathcolor`/`mathbackground` attributes), `display: block math` (the
 * browser's MathML stylesheet already gives `<math display="block">` that display), and Temml's
 * tweaks for glyph positions (`math-depth`, `\llap` offsets), which only nudge.
 */
function withoutInlineStyles(node: MathNode): void {
  if (node.style) {
    for (const [property, value] of Object.entries(node.style)) {
      const className = STYLE_CLASSES.get(`${property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}:${String(value).trim()}`);
      if (className && node.classes && !node.classes.includes(className)) node.classes.push(className);
    }
    node.style = {};
  }
  if (node.attributes) {
    delete node.attributes.style;
    delete node.attributes.mathcolor;
    delete node.attributes.mathbackground;
    // Temml writes `\label{x}` as id="x" as written: `\label{main}` would take the skip link's target.
    delete node.attributes.id;
  }
  for (const child of node.children ?? []) withoutInlineStyles(child);
}

/** Temml's inline declarations that carry layout, and the class that does the same in public/styles.css. */
const STYLE_CLASSES: ReadonlyMap<string, string> = new Map([
  // Array and matrix cells: no padding at the outer edges or between aligned columns; \arraycolsep between columns.
  ["padding-left:0em", "math-pl-0"], ["padding-left:0pt", "math-pl-0"], ["padding-right:0em", "math-pr-0"], ["padding-right:0pt", "math-pr-0"],
  ["padding-left:5.9776pt", "math-pl-col"], ["padding-right:5.9776pt", "math-pr-col"],
  ["padding-left:1em", "math-pl-1"], ["padding:0", "math-p-0"],
  ["text-align:left", "tml-left"],
  // \tag and numbered environments lay out as a full-width table.
  ["width:100%", "math-w-full"], ["width:50%", "math-w-half"],
  // \boxed: the same declarations as Temml's \fbox class.
  ["padding:3pt", "tml-fbox"], ["border:1px solid", "tml-fbox"],
  // Rules in arrays: | and \hline, dashed : and \hdashline, double || and \hline\hline.
  ...["top", "right", "bottom", "left"].flatMap((side): Array<[string, string]> => [
    [`border-${side}:0.06em solid`, `math-b${side[0]}`],
    [`border-${side}:0.06em dashed`, `math-b${side[0]}-dashed`],
    [`border-${side}:0.15em double`, `math-b${side[0]}-double`],
  ]),
]);
