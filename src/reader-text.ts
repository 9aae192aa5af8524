import { parseHTML } from "linkedom";
import type MarkdownIt from "markdown-it";

/**
 * What a reader sees (or a screen reader says) of rendered post HTML, as plain text: the one
 * place summaries, descriptions, table of contents entries, section-link names and feed
 * summaries get their text from, so they cannot disagree. Parsed with a real HTML parser, so
 * every named entity is decoded once (`&amp;lt;` reads `&lt;`). Returned unescaped: templates
 * escape it on output.
 *
 * A rule per construct the Markdown pipeline (src/markdown.ts) writes:
 * - callouts: their title, then their body (summaries skip callouts: see src/excerpt.ts);
 * - math: the formula as drawn, linearised (`E=mc²`, `xᵢ`, `a/b`, `√x`), never the TeX kept in
 *   its `<annotation>`; a display equation's number "(1)" is kept, it is on the page;
 * - footnote references are dropped (a digit glued to a word, "done1"), and so are the list's
 *   back-links (a glyph); the list reads "Notes" and the notes;
 * - diagrams: their accessible title (the SVG's `<title>`), not the labels drawn in it, and
 *   not the source in their disclosure; any other SVG likewise;
 * - images: their `alt`, so a decorative `alt=""` says nothing;
 * - code: the code's text, highlighting dropped;
 * - heading anchors ("#" and "Link to section: …") are dropped: they repeat the heading;
 * - tables: cell by cell;
 * - `hidden`, `aria-hidden="true"`, scripts, styles and templates are not read.
 * Blocks, cells and line breaks separate words; inline markup does not (`care<em>ful</em>`).
 * Runs of HTML whitespace collapse to one space as a browser shows them; a no-break space stays.
 */
export function toReaderText(html: string): string {
  return readerTextOf(parseFragment(html));
}

/** The reader text of a node already parsed (see `toReaderText`). */
export function readerTextOf(node: Node): string {
  return normaliseSpace(textOf(node));
}

type Token = ReturnType<MarkdownIt["parse"]>[number];

/** Inline tokens whose rendering adds no text of its own: their text is the tokens' text. */
const PLAIN_INLINE: ReadonlySet<string> = new Set(["text", "code_inline", "softbreak", "link_open", "link_close", "em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"]);

interface InlineMeta {
  readerText?: string;
}

/**
 * The reader text of an inline token (a heading's, a table cell's) as the page will render it,
 * for text a core rule needs before the page is rendered: a heading's TOC entry and section
 * link. Kept on the token, so it is computed once, and found without parsing HTML when the
 * inline is only text, code, links and emphasis (most headings).
 *
 * Rendered with an empty env: renderer rules that act on the page (images are optimised for
 * `env.page`) must not act twice, and a mistake (TeX that does not parse) is reported when the
 * page itself renders, at its line; here the text then falls back to the source.
 */
export function toInlineReaderText(md: MarkdownIt, inline: Token): string {
  const meta = (inline.meta ?? {}) as InlineMeta;
  if (meta.readerText !== undefined) return meta.readerText;
  const children = inline.children ?? [];
  let text: string;
  if (children.every((child) => PLAIN_INLINE.has(child.type))) {
    text = normaliseSpace(children.map((child) => (child.type === "softbreak" ? " " : child.content)).join(""));
  } else {
    try {
      text = toReaderText(md.renderer.renderInline(children, md.options, {}));
    } catch {
      text = normaliseSpace(inline.content);
    }
  }
  inline.meta = { ...meta, readerText: text } satisfies InlineMeta;
  return text;
}

/** An HTML fragment as the children of a `<body>`, parsed as a browser would. */
export function parseFragment(html: string): HTMLElement {
  // linkedom types its nodes its own way; the standard DOM types describe what it implements here.
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`) as unknown as { document: Document };
  return document.body;
}

/** HTML's ASCII whitespace (https://infra.spec.whatwg.org/#ascii-whitespace): U+00A0 is not, it is meant to stay. */
const HTML_SPACE = /[ \t\n\f\r]+/g;

function normaliseSpace(text: string): string {
  return text.replace(HTML_SPACE, " ").trim();
}

/** Elements that start a line on the page (or a cell), so their text never runs into their neighbours'. */
const BLOCKS: ReadonlySet<string> = new Set([
  "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
  "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

const UNREAD: ReadonlySet<string> = new Set(["script", "style", "template", "noscript", "head"]);

function textOf(node: Node): string {
  if (node.nodeType === 3) return (node as Text).data;
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return "";
  if (node.nodeType !== 1) return childrenText(node);
  const element = node as Element;
  const name = element.localName;
  if (UNREAD.has(name) || element.hasAttribute("hidden") || element.getAttribute("aria-hidden") === "true") return "";
  const classes = element.classList;
  // Markdown pipeline constructs (src/markdown.ts, footnotes.ts, diagram-fence.ts).
  if (classes.contains("heading-anchor") || classes.contains("footnote-ref") || classes.contains("footnote-backref") || classes.contains("diagram-source")) return "";
  let text: string;
  if (name === "img" || (name === "input" && element.getAttribute("type") === "image") || name === "area") text = element.getAttribute("alt") ?? "";
  else if (name === "svg") text = svgName(element);
  else if (name === "math") text = mathText(element);
  else text = childrenText(element);
  const block = BLOCKS.has(name) || (name === "math" && element.getAttribute("display") === "block");
  return block ? ` ${text} ` : text;
}

function childrenText(node: Node): string {
  let text = "";
  for (const child of node.childNodes) text += textOf(child);
  return text;
}

/** An SVG's accessible name: `aria-label`, or its `<title>`; never the text drawn in it. */
function svgName(svg: Element): string {
  const label = svg.getAttribute("aria-label");
  if (label) return label;
  const title = [...svg.children].find((child) => child.localName === "title");
  return title?.textContent ?? "";
}

/** U+2061–U+2064: function application, invisible times, separator and plus; they have no glyph. */
const INVISIBLE_OPERATORS = /[\u2061-\u2064]/g;

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  ...Object.fromEntries([..."0123456789"].map((digit, i) => [digit, "⁰¹²³⁴⁵⁶⁷⁸⁹"[i]!])),
  "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", n: "ⁿ", i: "ⁱ", "′": "′", "″": "″", "*": "*", "∗": "*",
};
const SUBSCRIPTS: Readonly<Record<string, string>> = {
  ...Object.fromEntries([..."0123456789"].map((digit, i) => [digit, "₀₁₂₃₄₅₆₇₈₉"[i]!])),
  "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
  a: "ₐ", e: "ₑ", h: "ₕ", i: "ᵢ", j: "ⱼ", k: "ₖ", l: "ₗ", m: "ₘ", n: "ₙ", o: "ₒ", p: "ₚ", r: "ᵣ", s: "ₛ", t: "ₜ", u: "ᵤ", v: "ᵥ", x: "ₓ",
};

/**
 * A MathML formula as plain text, the way it is drawn rather than the way it was typed: Temml
 * (src/math.ts) keeps the TeX in an `<annotation>`, which a browser does not show, so
 * `textContent` would read "E=mc2E = mc^2". Scripts become Unicode superscripts and subscripts
 * where every character has one (`c²`, `xᵢ`), else `^(…)` and `_(…)`, as a reader would type them.
 */
function mathText(math: Element): string {
  return normaliseSpace(mathNodeText(math).replace(INVISIBLE_OPERATORS, ""));
}

function mathNodeText(node: Node): string {
  if (node.nodeType === 3) return (node as Text).data;
  if (node.nodeType !== 1) return "";
  const element = node as Element;
  const parts = [...element.children];
  const part = (i: number) => (parts[i] ? mathNodeText(parts[i]) : "");
  switch (element.localName) {
    case "annotation":
    case "annotation-xml":
      return "";
    case "mover":
    case "munder":
      if (parts[1]?.localName === "mo") return accented(part(0), part(1));
      return part(0) + (element.localName === "mover" ? script(part(1), SUPERSCRIPTS, "^") : script(part(1), SUBSCRIPTS, "_"));
    case "msup":
      return part(0) + script(part(1), SUPERSCRIPTS, "^");
    case "msub":
      return part(0) + script(part(1), SUBSCRIPTS, "_");
    case "msubsup":
    case "munderover":
      return part(0) + script(part(1), SUBSCRIPTS, "_") + script(part(2), SUPERSCRIPTS, "^");
    case "mfrac":
      return `${grouped(part(0))}/${grouped(part(1))}`;
    case "msqrt":
      return `√${grouped(parts.map((child) => mathNodeText(child)).join(""))}`;
    case "mroot":
      return `${script(part(1), SUPERSCRIPTS, "^")}√${grouped(part(0))}`;
    case "mtable":
      // Matrices and aligned equations: cells by spaces, rows by semicolons, as in `(1 2; 3 4)`.
      return parts.map(rowText).filter(Boolean).join("; ");
    case "menclose":
      // `\overline`: the line over every character, as the combining overline draws it.
      return element.getAttribute("notation") === "top" ? [...normaliseSpace(childrenMathText(element))].map((character) => `${character}\u0305`).join("") : childrenMathText(element);
    case "mspace":
      return " ";
    default:
      return childrenMathText(element);
  }
}

/**
 * A table row's cells, spaced, except an `aligned` pair: Temml sets the right-aligned half and
 * the left-aligned half of one equation (`a &= b`) flush against each other, so `a=b` is one piece.
 */
function rowText(row: Element): string {
  let text = "";
  let previous: Element | undefined;
  for (const cell of row.children) {
    const cellText = normaliseSpace(mathNodeText(cell));
    const joined = previous?.classList.contains("tml-right") && cell.classList.contains("tml-left");
    text += joined || !text ? cellText : ` ${cellText}`;
    previous = cell;
  }
  return text.trim();
}

function childrenMathText(element: Element): string {
  let text = "";
  for (const child of element.childNodes) text += mathNodeText(child);
  return text;
}

/** Accents drawn over or under one letter, as the combining character that draws the same: `x̂`, `v⃗`. */
const COMBINING_ACCENTS: Readonly<Record<string, string>> = {
  "^": "\u0302", "ˆ": "\u0302", "~": "\u0303", "˜": "\u0303", "¯": "\u0304", "‾": "\u0305", "ˉ": "\u0304",
  "˘": "\u0306", "˙": "\u0307", "¨": "\u0308", "ˇ": "\u030c", "´": "\u0301", "`": "\u0300", "˚": "\u030a", "→": "\u20d7", "←": "\u20d6",
};

/** An accent on one character combines with it; over more (`\overline{AB}`, braces) the mark follows, as a reader would write it. */
function accented(base: string, mark: string): string {
  const trimmed = normaliseSpace(base);
  const combining = COMBINING_ACCENTS[normaliseSpace(mark)];
  return [...trimmed].length === 1 && combining ? trimmed + combining : trimmed + normaliseSpace(mark);
}

function script(text: string, characters: Readonly<Record<string, string>>, marker: string): string {
  const trimmed = normaliseSpace(text);
  if (!trimmed) return "";
  const mapped = [...trimmed].map((character) => characters[character]);
  if (mapped.every((character) => character !== undefined)) return mapped.join("");
  return `${marker}${grouped(trimmed)}`;
}

/** Brackets around more than one character, so `a+b` over `c` reads `(a+b)/c`, not `a+b/c`. */
function grouped(text: string): string {
  const trimmed = normaliseSpace(text);
  return [...trimmed].length > 1 && !/^\(.*\)$/.test(trimmed) ? `(${trimmed})` : trimmed;
}
