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

// Prism's component list: the only source of its language names, aliases and titles.
const components = createRequire(import.meta.url)("prismjs/components.json") as {
  languages: Record<string, { title?: string; alias?: string | string[]; aliasTitles?: Record<string, string> } | string>;
};

/**
 * Names Prism does not know, mapped to the component that renders them and the
 * label shown. `njk`/`nunjucks` come from the syntax highlight plugin, kept for
 * posts written for it; `console` is how GitHub, Docusaurus and MkDocs spell a
 * terminal transcript, which Prism calls `shell-session`.
 */
const EXTRA_ALIASES: Readonly<Record<string, { id: string; title: string }>> = {
  njk: { id: "django", title: "Nunjucks" },
  nunjucks: { id: "django", title: "Nunjucks" },
  console: { id: "shell-session", title: "Shell session" },
};

/**
 * Fence languages the blog renders as something other than code, on purpose
 * (a diagram, say). Every other fence, whatever its info string, is a code
 * sample and shows as text; the code-sample property test reads this list.
 */
export const RENDERED_FENCE_LANGUAGES: readonly string[] = ["mermaid"];

/** Languages shown unhighlighted on purpose: a `text` fence is not a typo. */
const PLAIN_LANGUAGES: ReadonlySet<string> = new Set(["", "text", "plain", "plaintext", "txt"]);

/**
 * Every name or alias Prism knows, lower-cased, mapped to its component id and
 * its title as components.json gives it ("JavaScript" for js; an alias may have
 * its own, "HTML" for html, whose component is "Markup").
 */
const LANGUAGES: ReadonlyMap<string, { id: string; title: string }> = (() => {
  const languages = new Map<string, { id: string; title: string }>();
  for (const [id, entry] of Object.entries(components.languages)) {
    if (id === "meta" || typeof entry === "string") continue;
    const title = entry.title ?? id;
    languages.set(id.toLowerCase(), { id, title });
    for (const alias of [entry.alias ?? []].flat()) languages.set(alias.toLowerCase(), { id, title: entry.aliasTitles?.[alias] ?? title });
  }
  for (const [alias, language] of Object.entries(EXTRA_ALIASES)) languages.set(alias, language);
  return languages;
})();

/** Every language name and alias a fence may use, lower-cased (for "did you mean" suggestions). */
export const LANGUAGE_NAMES: readonly string[] = [...LANGUAGES.keys()];

/** What a fence's info string asks for. */
export interface FenceInfo {
  /** The language as written, lower-cased, without a `diff-` prefix or line marks: `js` for ```` ```diff-JS/1 ```` and ```` ```js{1} ````. */
  language: string;
  /** ```` ```diff-js ````: a diff whose lines are highlighted as `language`. */
  diff: boolean;
  /** 0-based line numbers to mark, from either form: `/0,2-3` (0-based) and `{1,3-4}` (1-based) both mark the 1st, 3rd and 4th lines. */
  marked: ReadonlySet<number>;
  /** The file name or title shown above the code (`title="app.js"`), as written; empty when there is none. */
  title: string;
}

/**
 * The parts of an info string after the language: `key="value"`, `key='value'`,
 * `key={…}` or `key=value`; a `{…}` group; a quoted string; any other word.
 * Quoted values may hold spaces; a `{…}` group may too (`{1, 3-4}`, as
 * Expressive Code allows).
 */
const INFO_PART = /([\w-]+)=("[^"]*"|'[^']*'|\{[^}]*\}|\S*)|(\{[^}]*\})|"[^"]*"|'[^']*'|\S+/g;

/**
 * Keys that name the file a block shows: `title` (Docusaurus, Astro Expressive
 * Code, VitePress's markdown-it-attrs users, MkDocs Material, rehype-pretty-code)
 * and `filename` (Nextra, Quarto).
 */
const TITLE_KEYS: ReadonlySet<string> = new Set(["title", "filename"]);

/**
 * A fence's info string, read the way the generators authors come from write
 * it. The first word is the language: `lang`, `diff-lang`, then optional
 * `/0,2-3` line marks, 0-based as the syntax highlight plugin defines them.
 * After it (or glued to it, VitePress's ```` ```js{1,3} ````): `{1,3-4}` line
 * marks, 1-based as in Docusaurus, Expressive Code and VitePress (`mark={…}`
 * too), and `title="app.js"`. Everything else belongs to other generators and is
 * ignored. Nothing here is trusted: the renderer escapes every string it shows.
 */
export function parseFenceInfo(info: string): FenceInfo {
  const text = info.trim();
  // A first word holding "=" is already an attribute (```title="a.js"): there is no language.
  const first = /^[^\s{]*/.exec(text)?.[0] ?? "";
  const word = first.includes("=") ? "" : first;
  const [name = "", ...ranges] = word.split("/");
  const lower = name.toLowerCase();
  // A plain ```diff fence is a diff of text: the same line markup as ```diff-js, without code tokens.
  const diff = lower === "diff" || (lower.startsWith("diff-") && lower.length > 5);
  const marked = new Set<number>();
  addLineRanges(marked, ranges[0] ?? "", 0);
  let title = "";
  for (const [, key, value, braces] of text.slice(word.length).matchAll(INFO_PART)) {
    if (braces) addLineRanges(marked, braces.slice(1, -1), 1);
    else if (key === undefined || value === undefined) continue;
    else if (key.toLowerCase() === "mark" && value.startsWith("{")) addLineRanges(marked, value.slice(1, -1), 1);
    else if (TITLE_KEYS.has(key.toLowerCase()) && !title) title = value.replace(/^(["'])([^]*)\1$/, "$2").trim();
  }
  return { language: diff ? lower.slice(5) : lower, diff, marked, title };
}

/** Adds `1,3-4` to `lines` as 0-based numbers, counting from `base`; anything that is not a number or range is ignored. */
function addLineRanges(lines: Set<number>, text: string, base: 0 | 1): void {
  for (const part of text.split(",")) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) continue;
    const first = Number(range[1]);
    const last = Math.min(Number(range[2] ?? range[1]), first + 10_000);
    for (let line = Math.max(first, base); line <= last; line++) lines.add(line - base);
  }
}

/** The Prism component id for a language name or alias, in any letter case, or undefined. */
export function resolveLanguage(language: string): string | undefined {
  return LANGUAGES.get(language.toLowerCase())?.id;
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
function highlighter(language: string): (code: string) => string {
  const id = resolveLanguage(language);
  const grammar = id ? grammarFor(id) : undefined;
  return (code) => {
    try {
      if (grammar && id) return Prism.highlight(code, grammar, id);
    } catch {
      // Not highlighted, still shown.
    }
    return escapeHtml(code);
  };
}

/** One line of a block that is rendered line by line, and the diff change it shows, if any. */
interface CodeLine {
  html: string;
  change?: "add" | "remove";
}

/** Diff line prefixes, the classes Prism's diff grammar gives such lines (https://prismjs.com/plugins/diff-highlight/), and the change each shows. */
const DIFF_LINES: Readonly<Record<string, { classes: string; change?: CodeLine["change"] }>> = {
  "+": { classes: "inserted-sign inserted", change: "add" },
  ">": { classes: "inserted-arrow inserted", change: "add" },
  "-": { classes: "deleted-sign deleted", change: "remove" },
  "<": { classes: "deleted-arrow deleted", change: "remove" },
  "!": { classes: "diff bold" },
  " ": { classes: "unchanged" },
};
// Hunk and file headers: shown as they are, not highlighted as code.
const DIFF_COORD = /^(?:@@.*@@|(?:---|\+\+\+|\*\*\*)(?:\s.*)?|\d+(?:,\d+)?[acd]\d+(?:,\d+)?)$/;

/**
 * The lines of a ```` ```diff-js ```` fence: each keeps its `+`/`-` prefix and
 * the code after the prefixes is highlighted as one program, so a token that
 * spans lines (a comment, a template string) is still one token. Prism's
 * diff-highlight plugin does this by re-splitting highlighted HTML, which
 * writes `<` prefixes unescaped and repeats prefixes inside multi-line tokens.
 */
function diffLines(lines: string[], highlight: (text: string) => string): CodeLine[] {
  const coord = lines.map((line) => DIFF_COORD.test(line));
  const prefixes = lines.map((line, index) => (!coord[index] && line[0] !== undefined && Object.hasOwn(DIFF_LINES, line[0]) ? line[0] : ""));
  const code = lines.flatMap((line, index) => (coord[index] ? [] : [line.slice(prefixes[index]!.length)]));
  const highlighted = splitHighlightedLines(highlight(code.join("\n")));
  let next = 0;
  return lines.map((line, index) => {
    if (coord[index]) return { html: `<span class="token coord">${escapeHtml(line)}</span>` };
    const html = highlighted[next++] ?? "";
    const prefix = prefixes[index]!;
    if (!prefix) return { html };
    const { classes, change } = DIFF_LINES[prefix]!;
    return { html: `<span class="token ${classes}"><span class="token prefix ${classes.split(" ").at(-1)}">${escapeHtml(prefix)}</span>${html}</span>`, change };
  });
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

/**
 * The inside of `<code>`. A block with marked lines or a diff is written line
 * by line, each line its own element (`<mark>` when marked, as the syntax
 * highlight plugin does; `highlight-line-add`/`-remove` for a diff's changes),
 * so the stylesheet can colour a line across the whole block. Any other block
 * is Prism's output as it is.
 */
export function renderCodeLines(code: string, fence: FenceInfo): string {
  const highlight = highlighter(fence.language);
  if (!fence.diff && fence.marked.size === 0) return highlight(code);
  const trailing = code.endsWith("\n");
  const source = trailing ? code.slice(0, -1) : code;
  const lines: CodeLine[] = fence.diff ? diffLines(source.split("\n"), highlight) : splitHighlightedLines(highlight(source)).map((html) => ({ html }));
  const wrapped = lines.map(({ html, change }, index) => {
    const marked = fence.marked.has(index);
    const classes = ["highlight-line", ...(marked ? ["highlight-line-active"] : []), ...(change ? [`highlight-line-${change}`] : [])].join(" ");
    return marked ? `<mark class="${classes}">${html}</mark>` : `<span class="${classes}">${html}</span>`;
  });
  return wrapped.join("\n") + (trailing ? "\n" : "");
}

/**
 * The language a block is labelled with: Prism's title for it ("JavaScript"
 * for js, "HTML" for html), "… diff" for a diff, or the name as written when
 * Prism does not know it and it reads as a name. None for plain text.
 */
export function languageLabel(fence: FenceInfo): string {
  const known = LANGUAGES.get(fence.language)?.title;
  const name = PLAIN_LANGUAGES.has(fence.language) ? "" : (known ?? (/^[a-z0-9][\w+#.-]{0,29}$/.test(fence.language) ? fence.language : ""));
  if (!fence.diff) return name;
  return name ? `${name} diff` : "Diff";
}

/**
 * The caption above a block: its file name or title, then its language.
 * The separator is for readers without our stylesheet (feed readers), and
 * for screen readers, which would otherwise run the two together.
 */
function renderCaption(fence: FenceInfo): string {
  const label = languageLabel(fence);
  const parts = [
    ...(fence.title ? [`<span class="code-title">${escapeHtml(fence.title)}</span>`] : []),
    // Not indexed for search: "JavaScript" under every result would be noise.
    ...(label ? [`<span class="code-language" data-pagefind-ignore>${escapeHtml(label)}</span>`] : []),
  ];
  return parts.length ? `<figcaption class="code-caption">${parts.join(`<span class="visually-hidden"> · </span>`)}</figcaption>` : "";
}

/**
 * A whole code block. The `<code>` element carries `language-<first word of
 * the info string>` as CommonMark specifies; the `<pre>` carries the resolved
 * language for the stylesheet and is keyboard-focusable so wide code can be
 * scrolled without a mouse (WCAG 2.1.1). A block with a title or a language
 * is a `<figure class="code-block">` captioned with them, which reads as a
 * caption in feed readers too; plain text stays a bare `<pre>`.
 */
export function renderCodeBlock(code: string, info: string): string {
  const fence = parseFenceInfo(info);
  const written = info.trim().split(/\s+/)[0] ?? "";
  const codeClass = written ? ` class="language-${escapeHtml(written)}"` : "";
  const preClass = escapeHtml(`language-${fence.diff ? "diff-" : ""}${resolveLanguage(fence.language) ?? "text"}`);
  const pre = `<pre class="${preClass}" tabindex="0"><code${codeClass}>${renderCodeLines(code, fence)}</code></pre>`;
  const caption = renderCaption(fence);
  return caption ? `<figure class="code-block">${caption}${pre}</figure>\n` : `${pre}\n`;
}
