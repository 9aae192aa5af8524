import { readFileSync } from "node:fs";
import { extname, relative } from "node:path";
import type MarkdownIt from "markdown-it";
import { locateAuthorFile } from "./author-files.ts";
import { resolveLanguage } from "./highlight.ts";
import { postError, postPath } from "./post-location.ts";
import { decodeAuthorText } from "./text-encoding.ts";

type StateBlock = Parameters<Parameters<MarkdownIt["block"]["ruler"]["before"]>[2]>[0];

/**
 * Code samples included from real files beside the post, so a sample cannot
 * drift from the code that is tested. The syntax is a subset of VitePress's
 * "Import code snippets" (https://vitepress.dev/guide/markdown#import-code-snippets),
 * alone on its line:
 *
 *     <<< ./example.ts                  the whole file
 *     <<< ./example.ts#setup            the lines between `#region setup` and `#endregion setup`
 *     <<< ./example.ts#L3-L8            lines 3 to 8 of the file (GitHub's `#L` form; `#L5` is one line)
 *     <<< ./example.ts{2,4-5}           mark lines 2, 4 and 5 of what is shown (1-based, as in VitePress)
 *     <<< ./snippet.txt{js}             highlight as another language; `{2 js}` does both
 *
 * `{…}` keeps VitePress's meaning (marked lines and language), so a post
 * written for VitePress shows the same here. The result is an ordinary `fence`
 * token (info: language and marks, content: the lines), so the code-block rule
 * escapes and highlights it like any fence.
 */

/** What a `<<<` line asks for. */
export interface SnippetRequest {
  path: string;
  /** A region name, or undefined. */
  region?: string;
  /** 1-based inclusive lines of the file, from `#L3-L8`. */
  lines?: { first: number; last: number };
  /** 1-based lines to mark, as written inside `{…}`: `2,4-5`. */
  marks?: string;
  /** Language override from `{…}`. */
  language?: string;
}

/** Something wrong with a `<<<` line as written: the plugin adds the post's file and line. */
export class SnippetError extends Error {}

const SNIPPET_LINE = /^<<<[ \t]+(\S+?)(?:#(\S+?))?(?:[ \t]*\{([^}]*)\})?[ \t]*$/;

/** Parses the text of a `<<<` line (without indentation); throws SnippetError for what it cannot read. */
export function parseSnippetLine(line: string): SnippetRequest {
  const match = SNIPPET_LINE.exec(line.trimEnd());
  if (!match) {
    throw new SnippetError(`"${line.trim()}" is not a snippet include: write \`<<< ./file.ts\`, \`<<< ./file.ts#region\`, \`<<< ./file.ts#L3-L8\`, optionally followed by \`{2,4-5}\` (marked lines) and/or a language (\`{ts}\`, \`{2 ts}\`); a title in [brackets] is not supported`);
  }
  const [, path = "", fragment, braces] = match;
  const request: SnippetRequest = { path };
  if (fragment !== undefined) {
    const range = /^L(\d+)(?:-L?(\d+))?$/.exec(fragment);
    if (range) {
      const first = Number(range[1]);
      const last = Number(range[2] ?? range[1]);
      if (first < 1 || last < first) throw new SnippetError(`line range "#${fragment}" in "${line.trim()}" is empty: write #L<first>-L<last> with 1 ≤ first ≤ last`);
      request.lines = { first, last };
    } else if (/^[\w.-]+$/.test(fragment)) {
      request.region = fragment;
    } else {
      throw new SnippetError(`"#${fragment}" in "${line.trim()}" is neither a region name (letters, digits, - _ .) nor a line range (#L3-L8)`);
    }
  }
  if (braces !== undefined) {
    for (const word of braces.trim().split(/\s+/).filter(Boolean)) {
      if (/^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/.test(word)) request.marks = word;
      else if (/^[\w+#-]+$/.test(word)) request.language = word;
      else throw new SnippetError(`"{${braces}}" in "${line.trim()}" should hold marked lines (2,4-5) and/or a language (ts)`);
    }
  }
  return request;
}

/** Extensions whose Prism name differs from the extension itself (most, `ts`, `py`, `sh`, `yml`…, are Prism aliases). */
const EXTENSION_LANGUAGES: Readonly<Record<string, string>> = {
  mjs: "javascript", cjs: "javascript", mts: "typescript", cts: "typescript", rs: "rust", h: "c", hpp: "cpp", cc: "cpp",
  kt: "kotlin", zsh: "bash", ps1: "powershell", txt: "text", mmd: "mermaid", htm: "html", svg: "xml",
};

/** The fence language for a file, by its extension; `text` when Prism knows none. */
export function languageForFile(path: string): string {
  const extension = extname(path).slice(1).toLowerCase();
  if (Object.hasOwn(EXTENSION_LANGUAGES, extension)) return EXTENSION_LANGUAGES[extension]!;
  return extension && resolveLanguage(extension) ? extension : "text";
}

/**
 * Region markers, as VitePress reads them, for the comment syntaxes of most
 * languages: `// #region name`, `/* #region name *\/`, `# #region name` (and
 * C#'s `#region name`), `<!-- #region name -->`, `-- #region name` (SQL, Lua).
 */
const REGION_MARKERS: ReadonlyArray<{ start: RegExp; end: RegExp }> = [
  { start: /^\s*\/\/\s*#?region\b\s*(.*?)\s*$/, end: /^\s*\/\/\s*#?endregion\b\s*(.*?)\s*$/ },
  { start: /^\s*\/\*\s*#region\b\s*(.*?)\s*\*\/\s*$/, end: /^\s*\/\*\s*#endregion\b\s*(.*?)\s*\*\/\s*$/ },
  { start: /^\s*<!--\s*#?region\b\s*(.*?)\s*-->\s*$/, end: /^\s*<!--\s*#?endregion\b\s*(.*?)\s*-->\s*$/ },
  { start: /^\s*#\s*#?region\b\s*(.*?)\s*$/, end: /^\s*#\s*#?endregion\b\s*(.*?)\s*$/ },
  { start: /^\s*--\s*#region\b\s*(.*?)\s*$/, end: /^\s*--\s*#endregion\b\s*(.*?)\s*$/ },
];

function regionMarker(line: string): { kind: "start" | "end"; name: string } | undefined {
  for (const { start, end } of REGION_MARKERS) {
    const opened = start.exec(line);
    if (opened) return { kind: "start", name: opened[1] ?? "" };
    const closed = end.exec(line);
    if (closed) return { kind: "end", name: closed[1] ?? "" };
  }
  return undefined;
}

/**
 * The lines of region `name`, without the marker lines of any region (nested
 * or overlapping regions stay readable) and without the indentation they share.
 * `#endregion` without a name closes the innermost open region.
 */
export function extractRegion(text: string, name: string): string[] | undefined {
  const lines = text.split("\n");
  const open: string[] = [];
  let start = -1;
  for (let index = 0; index < lines.length; index++) {
    const marker = regionMarker(lines[index]!);
    if (!marker) continue;
    if (marker.kind === "start") {
      open.push(marker.name);
      if (marker.name === name && start === -1) start = index;
      continue;
    }
    const closed = marker.name ? open.lastIndexOf(marker.name) : open.length - 1;
    if (closed === -1) continue;
    const [closedName] = open.splice(closed, 1);
    if (closedName === name && start !== -1) {
      return dedent(lines.slice(start + 1, index).filter((line) => !regionMarker(line)));
    }
  }
  return start === -1 ? undefined : [];
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common));
}

/** The lines a request includes from a post's folder, and the fence info string to render them with. */
export function readSnippet(post: string, request: SnippetRequest): { content: string; info: string } {
  const shown = `"${request.path}"`;
  if (request.path.startsWith("@") || request.path.startsWith("~")) {
    throw new SnippetError(`snippet ${shown}: write the path relative to the post, e.g. ./example.ts, or from the site root, e.g. /code/example.ts for public/code/example.ts`);
  }
  const located = locateAuthorFile(post, request.path, `snippet ${shown}`);
  if ("problem" in located) throw new SnippetError(located.problem);
  const { file } = located;
  // Read as a post is: a file saved as Windows-1252 or UTF-16 would otherwise be published with U+FFFD in it.
  const decoded = decodeAuthorText(readFileSync(file));
  if ("problem" in decoded) {
    throw new SnippetError(`snippet ${shown}: its file ${relative(process.cwd(), file)} ${decoded.problem.description}`);
  }
  const text = decoded.text.replace(/\r\n?/g, "\n");
  let lines = (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
  if (request.region !== undefined) {
    const region = extractRegion(lines.join("\n"), request.region);
    if (region === undefined) {
      throw new SnippetError(`region "${request.region}" not found in ${shown}: mark it in the file with \`// #region ${request.region}\` … \`// #endregion ${request.region}\` (or the comment syntax of its language), or fix the name`);
    }
    if (region.length === 0) throw new SnippetError(`region "${request.region}" in ${shown} is empty or has no #endregion line`);
    lines = region;
  } else if (request.lines) {
    const { first, last } = request.lines;
    if (last > lines.length) throw new SnippetError(`lines ${first}-${last} of ${shown} do not exist: the file has ${lines.length} lines`);
    lines = lines.slice(first - 1, last);
  }
  const language = request.language ?? languageForFile(file);
  // The fence rule reads `lang{1,3}` marks as 1-based, as VitePress does.
  const info = request.marks ? `${language} {${request.marks}}` : language;
  return { content: `${lines.join("\n")}\n`, info };
}

/**
 * The markdown-it plugin: a block rule before `fence`, so `<<<` inside a code
 * block stays text. Like VitePress's, it does not interrupt a paragraph: the
 * line stands on its own, after a blank line. Outside Eleventy (no post path
 * in the render env, as in `npm run check`'s parse) the line is left as text.
 */
export function snippetsPlugin(md: MarkdownIt): void {
  md.block.ruler.before("fence", "snippet", (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
    const start = state.bMarks[startLine]! + state.tShift[startLine]!;
    const max = state.eMarks[startLine]!;
    // Indented code (4+ spaces) is code, not an include.
    if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
    if (state.src.slice(start, start + 3) !== "<<<") return false;
    const post = postPath(state.env);
    if (!post) return false;
    if (silent) return true;
    const line = state.src.slice(start, max);
    let snippet;
    try {
      snippet = readSnippet(post, parseSnippetLine(line));
    } catch (error) {
      if (!(error instanceof SnippetError)) throw error;
      throw postError(state.env, startLine, `${error.message}.`);
    }
    const token = state.push("fence", "code", 0);
    token.info = snippet.info;
    token.content = snippet.content;
    token.markup = "```";
    token.map = [startLine, startLine + 1];
    state.line = startLine + 1;
    return true;
  });
}
