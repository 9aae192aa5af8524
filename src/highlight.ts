import { createRequire } from "node:module";
import Prism from "prismjs";
import loadLanguages from "prismjs/components/index.js";
import { escapeHtml } from "./html.ts";
/**
 * Fenced and indented code, highlighted at build time with Prism.
 *
 * The one rule here: **a code sample is text**. Whatever the fence's info
 * string says, the code reaches the page only through `Prism.highlight` (which
 * escapes every token) or `escapeHtml`; nothing is ever passed through as
 * written. The syntax highlight plugin's own highlighter broke that rule for
 * languages it could not load (```` ```HTML ````, any unknown name, `text`), so
 * it is not used.
 */

// Prism's component list: the only source of its language names and aliases.
const components = createRequire(import.meta.url)("prismjs/components.json") as {
  languages: Record<string, { alias?: string | string[] } | string>;
};

/** Aliases the syntax highlight plugin adds on top of Prism's own, kept for posts written for it. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = { njk: "django", nunjucks: "django" };

/**
 * Fence languages the blog renders as something other than code, on purpose
 * (a diagram, say). Every other fence, whatever its info string, is a code
 * sample and shows as text; the code-sample property test reads this list.
 */
export const RENDERED_FENCE_LANGUAGES: readonly string[] = [];

/** Languages shown unhighlighted on purpose: a `text` fence is not a typo. */
const PLAIN_LANGUAGES: ReadonlySet<string> = new Set(["", "text", "plain", "plaintext", "txt"]);

/** Every name or alias Prism knows, lower-cased, mapped to its component id. */
const LANGUAGE_IDS: ReadonlyMap<string, string> = (() => {
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(components.languages)) {
    if (id === "meta" || typeof entry === "string") continue;
    ids.set(id.toLowerCase(), id);
    for (const alias of [entry.alias ?? []].flat()) ids.set(alias.toLowerCase(), id);
  }
  for (const [alias, id] of Object.entries(EXTRA_ALIASES)) ids.set(alias, id);
  return ids;
})();

/** What a fence's info string asks for. */
export interface FenceInfo {
  /** The language as written, lower-cased, without a `diff-` prefix: `js` for ```` ```diff-JS/1 ````. */
  language: string;
  /** ```` ```diff-js ````: a diff whose lines are highlighted as `language`. */
  diff: boolean;
  /** 0-based line numbers to mark: the syntax highlight plugin's `/1,3-4` suffix. */
  marked: ReadonlySet<number>;
}

/**
 * The first word of a fence's info string, read the way the syntax highlight
 * plugin documents it: `lang`, `diff-lang`, then optional `/1,3-4` line ranges
 * (0-based). Anything after the first space belongs to other generators and is
 * ignored here, never echoed into the page.
 */
export function parseFenceInfo(info: string): FenceInfo {
  const [word = "", ...ranges] = (info.trim().split(/\s+/)[0] ?? "").split("/");
  const lower = word.toLowerCase();
  // A plain ```diff fence is a diff of text: the same line markup as ```diff-js, without code tokens.
  const diff = lower === "diff" || (lower.startsWith("diff-") && lower.length > 5);
  return { language: diff ? lower.slice(5) : lower, diff, marked: parseLineRanges(ranges[0] ?? "") };
}

/** `1,3-4` → {1, 3, 4}; anything that is not a number or range is ignored. */
function parseLineRanges(text: string): Set<number> {
  const lines = new Set<number>();
  for (const part of text.split(",")) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) continue;
    const first = Number(range[1]);
    const last = Math.min(Number(range[2] ?? range[1]), first + 10_000);
    for (let line = first; line <= last; line++) lines.add(line);
  }
  return lines;
}

/** The Prism component id for a language name or alias, in any letter case, or undefined. */
export function resolveLanguage(language: string): string | undefined {
  return LANGUAGE_IDS.get(language.toLowerCase());
}

/** A loaded Prism grammar for a component id, or undefined when it has none of its own. */
function grammarFor(id: string): Prism.Grammar | undefined {
  if (!Object.hasOwn(Prism.languages, id)) {
    // Prism's loader prints to the console for names it cannot load; it is silent with this flag.
    (loadLanguages as unknown as { silent: boolean }).silent = true;
    loadLanguages([id]);
  }
  // Own properties only: Prism.languages also holds functions (`extend`, `insertBefore`, `DFS`).
  const grammar: unknown = Object.hasOwn(Prism.languages, id) ? Prism.languages[id] : undefined;
  return grammar && typeof grammar === "object" ? (grammar as Prism.Grammar) : undefined;
}

/** Whether a fence in this language is highlighted (or plain on purpose, like `text`). */
export function isKnownLanguage(language: string): boolean {
  if (PLAIN_LANGUAGES.has(language.toLowerCase())) return true;
  const id = resolveLanguage(language);
  return id !== undefined && grammarFor(id) !== undefined;
}

/**
 * Code as HTML: Prism token spans when the language is known, escaped text
 * otherwise. Any failure inside Prism (a helper component such as
 * `markup-templating` has no grammar of its own) also falls back to text.
 */
export function highlightToHtml(code: string, fence: FenceInfo): string {
  const id = resolveLanguage(fence.language);
  const grammar = id ? grammarFor(id) : undefined;
  const highlight = (text: string): string => {
    try {
      if (grammar && id) return Prism.highlight(text, grammar, id);
    } catch {
      // Not highlighted, still shown.
    }
    return escapeHtml(text);
  };
  return fence.diff ? renderDiff(code, highlight) : highlight(code);
}

/** Diff line prefixes, and the classes Prism's diff grammar gives such lines (https://prismjs.com/plugins/diff-highlight/). */
const DIFF_LINES: Readonly<Record<string, string>> = {
  "+": "inserted-sign inserted",
  ">": "inserted-arrow inserted",
  "-": "deleted-sign deleted",
  "<": "deleted-arrow deleted",
  "!": "diff bold",
  " ": "unchanged",
};
// Hunk and file headers: shown as they are, not highlighted as code.
const DIFF_COORD = /^(?:@@.*@@|(?:---|\+\+\+|\*\*\*)(?:\s.*)?|\d+(?:,\d+)?[acd]\d+(?:,\d+)?)$/;

/**
 * A ```` ```diff-js ```` fence: each line keeps its `+`/`-` prefix and the
 * code after the prefixes is highlighted as one program, so a token that
 * spans lines (a comment, a template string) is still one token. Prism's
 * diff-highlight plugin does this by re-splitting highlighted HTML, which
 * writes `<` prefixes unescaped and repeats prefixes inside multi-line tokens.
 */
function renderDiff(code: string, highlight: (text: string) => string): string {
  const trailing = code.endsWith("\n");
  const lines = (trailing ? code.slice(0, -1) : code).split("\n");
  const coord = lines.map((line) => DIFF_COORD.test(line));
  const prefixes = lines.map((line, index) => (!coord[index] && line[0] !== undefined && line[0] in DIFF_LINES ? line[0] : ""));
  const codeLines = lines.filter((_, index) => !coord[index]).map((line, index) => line.slice(prefixes.filter((_, i) => !coord[i])[index]!.length));
  const highlighted = splitHighlightedLines(highlight(codeLines.join("\n")));
  let next = 0;
  const out = lines.map((line, index) => {
    if (coord[index]) return `<span class="token coord">${escapeHtml(line)}</span>`;
    const html = highlighted[next++] ?? "";
    const prefix = prefixes[index]!;
    if (!prefix) return html;
    const classes = DIFF_LINES[prefix]!;
    return `<span class="token ${classes}"><span class="token prefix ${classes.split(" ").at(-1)}">${escapeHtml(prefix)}</span>${html}</span>`;
  });
  return out.join("\n") + (trailing ? "\n" : "");
}

const SPAN = /<span\b[^>]*>|<\/span>/g;

/**
 * Splits highlighted HTML into lines, closing the spans still open at the end
 * of a line and reopening them on the next, so that every line is balanced
 * markup and can be wrapped (marked) on its own, also inside a multi-line
 * token such as a comment or a template string. Prism's output holds only
 * `<span …>` tags and escaped text, which is what this reads.
 */
export function splitHighlightedLines(html: string): string[] {
  const open: string[] = [];
  return html.split("\n").map((line) => {
    const reopened = open.join("");
    for (const [tag] of line.matchAll(SPAN)) {
      if (tag === "</span>") open.pop();
      else open.push(tag);
    }
    return reopened + line + "</span>".repeat(open.length);
  });
}

/** The inside of `<code>`: highlighted lines, marked ones wrapped as the syntax highlight plugin does. */
export function renderCodeLines(code: string, fence: FenceInfo): string {
  const html = highlightToHtml(code, fence);
  if (fence.marked.size === 0) return html;
  const lines = splitHighlightedLines(html.endsWith("\n") ? html.slice(0, -1) : html);
  const wrapped = lines.map((line, index) =>
    fence.marked.has(index) ? `<mark class="highlight-line highlight-line-active">${line}</mark>` : `<span class="highlight-line">${line}</span>`,
  );
  return wrapped.join("\n") + (html.endsWith("\n") ? "\n" : "");
}

/**
 * A whole code block. The `<code>` element carries `language-<first word of
 * the info string>` as CommonMark specifies; the `<pre>` carries the resolved
 * language for the stylesheet and is keyboard-focusable so wide code can be
 * scrolled without a mouse (WCAG 2.1.1).
 */
export function renderCodeBlock(code: string, info: string): string {
  const fence = parseFenceInfo(info);
  const written = info.trim().split(/\s+/)[0] ?? "";
  const codeClass = written ? ` class="language-${escapeHtml(written)}"` : "";
  const preClass = escapeHtml(`language-${fence.diff ? "diff-" : ""}${resolveLanguage(fence.language) ?? "text"}`);
  return `<pre class="${preClass}" tabindex="0"><code${codeClass}>${renderCodeLines(code, fence)}</code></pre>\n`;
}
