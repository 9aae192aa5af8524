import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";
import { decodeUrlPart, isExternalUrl, normalisePathPrefix, prefixSitePath } from "./routes.ts";
import { splitFrontMatter } from "./validate-posts.ts";

/**
 * Internal link and `#fragment` checking over built HTML.
 *
 * Runs on every build, so it must cost little next to Eleventy itself: each
 * page is scanned once by a small tag tokenizer (no DOM), collecting the
 * `href` of links and the `id` (and `<a name>`) of elements.
 */

export interface LinksAndIds {
  /** `href` values of `<a>`, `<area>` and `<link>`, entity-decoded, in document order. */
  hrefs: string[];
  /** Every `id`, plus `name` of `<a>`: the fragments a link may point at. */
  ids: Set<string>;
}

// `href`, `id` or `name` followed by a value. Matches are kept only when they sit inside a start tag.
const ATTRIBUTE = /(?:href|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
const LINK_TAGS = new Set(["a", "area", "link"]);
// Content that is not markup: comments and raw-text elements.
const OPAQUE = /<!--[\s\S]*?-->|<(script|style|textarea|title)\b[\s\S]*?<\/\1\s*>/gi;

// markdown-it's decoder knows every HTML named entity (`&eacute;`), not just the common few.
const { unescapeAll } = new MarkdownIt().utils;

function decodeEntities(text: string): string {
  return text.includes("&") ? unescapeAll(text) : text;
}

/** [start, end) ranges of comments and raw-text elements, in order. */
function opaqueRanges(html: string): Array<[number, number]> {
  if (!html.includes("<!--") && !/<(?:script|style|textarea|title)\b/i.test(html)) return [];
  return [...html.matchAll(OPAQUE)].map((match) => [match.index, match.index + match[0].length]);
}

/** Whether every `>` between a `<` and `at` is inside a quoted attribute value (`title="a > b"`). */
function isInsideTag(html: string, open: number, at: number): boolean {
  let quote = "";
  for (let i = open + 1; i < at; i++) {
    const char = html[i]!;
    if (quote) {
      if (char === quote) quote = "";
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ">") return false;
  }
  return quote === "";
}

/**
 * One pass over the markup: link targets and the ids they may point at.
 * Faster than tokenizing every tag (Prism alone writes thousands of spans per
 * page): find the attributes, then check each sits inside a start tag, i.e.
 * the nearest `<` before it is nearer than the nearest `>`.
 */
export function extractLinksAndIds(html: string): LinksAndIds {
  const hrefs: string[] = [];
  const ids = new Set<string>();
  const opaque = opaqueRanges(html);
  let range = 0;
  for (const match of html.matchAll(ATTRIBUTE)) {
    const at = match.index;
    const before = html.charCodeAt(at - 1);
    // The attribute name must follow whitespace (not `data-id`, not `xhref`).
    if (before !== 32 && before !== 10 && before !== 9 && before !== 13) continue;
    while (range < opaque.length && opaque[range]![1] <= at) range++;
    if (range < opaque.length && opaque[range]![0] <= at) continue;
    const open = html.lastIndexOf("<", at);
    if (open === -1 || (html.lastIndexOf(">", at) > open && !isInsideTag(html, open, at))) continue;
    let nameEnd = open + 1;
    while (nameEnd < at && !/[\s/>]/.test(html[nameEnd]!)) nameEnd++;
    const tag = html.slice(open + 1, nameEnd).toLowerCase();
    const attribute = html.charCodeAt(at) | 32; // h, i or n, lower-cased
    const value = decodeEntities(match[1] ?? match[2] ?? match[3] ?? "");
    if (attribute === 105 || (attribute === 110 && tag === "a")) ids.add(value);
    else if (attribute === 104 && LINK_TAGS.has(tag)) hrefs.push(value.trim());
  }
  return { hrefs, ids };
}

/** A page Eleventy wrote: the `results` of the `eleventy.after` event. */
export interface BuiltPage {
  /** URL without the path prefix, as Eleventy reports it, e.g. `/posts/hello/`. */
  url: string;
  inputPath: string;
  outputPath: string;
  content: string;
}

export interface LinkProblem {
  /** URL of the page holding the link. */
  page: string;
  /** Source of that page. */
  inputPath: string;
  /** The link as written. */
  href: string;
  /** Why it is broken. */
  reason: string;
  /** 1-based line of the link in `inputPath`, when it is found there (a layout's links are not). */
  line?: number;
}

export interface LinkCheckOptions {
  /** Eleventy's path prefix, e.g. "/" or "/blog/": root-relative links must start with it. */
  pathPrefix: string;
  /** Whether a file (not a page) exists at this site path, e.g. "/favicon.svg" copied from public/. */
  fileExists: (sitePath: string) => boolean;
  /** Site paths written by other tools after the build (e.g. "/pagefind/"): links into them are not checked. */
  ignore?: readonly string[];
}

// Any origin works: it only lets the URL parser resolve relative links.
const ORIGIN = "http://link-check.invalid";

function isHtml(page: BuiltPage): boolean {
  return page.outputPath.endsWith(".html") || page.url.endsWith("/");
}

/** Every internal link in the built pages that points at no page, file or fragment. */
export function checkLinks(pages: readonly BuiltPage[], options: LinkCheckOptions): LinkProblem[] {
  const prefix = normalisePathPrefix(options.pathPrefix);
  const ignore = options.ignore ?? [];
  const byPath = new Map<string, BuiltPage>();
  for (const page of pages) byPath.set(decodeUrlPart(page.url), page);
  const scans = new Map<BuiltPage, LinksAndIds>();
  const scan = (page: BuiltPage): LinksAndIds => {
    let result = scans.get(page);
    if (!result) scans.set(page, (result = extractLinksAndIds(page.content)));
    return result;
  };
  const fileCache = new Map<string, boolean>();
  const fileExists = (path: string): boolean => {
    let exists = fileCache.get(path);
    if (exists === undefined) fileCache.set(path, (exists = options.fileExists(path)));
    return exists;
  };
  // The page a site path (without prefix) names, following the server's index.html and trailing-slash rules.
  const findPage = (path: string): BuiltPage | undefined =>
    byPath.get(path) ?? (path.endsWith("/index.html") ? byPath.get(path.slice(0, -"index.html".length)) : byPath.get(`${path}/`));

  // Why a resolved link is broken, or undefined when it is fine.
  const verdictFor = (pathname: string, hash: string): string | undefined => {
    const fullPath = decodeUrlPart(pathname);
    if (!fullPath.startsWith(prefix)) return `it is outside the site's path prefix ${prefix}`;
    const path = `/${fullPath.slice(prefix.length)}`;
    if (ignore.some((folder) => path.startsWith(folder))) return undefined;
    const target = findPage(path);
    if (target) return fragmentVerdict(target, hash);
    if (fileExists(path)) return undefined;
    // Markdown links to a source file are resolved by src/source-links.ts; one in raw HTML or a template is not.
    const hint = /\.md$/i.test(path) ? ": write it as a Markdown link, [text](file.md), which the build turns into the post's URL, or link to that URL" : "";
    return `no page or file is built at ${path}${hint}`;
  };
  const fragmentVerdict = (target: BuiltPage, hash: string): string | undefined => {
    const fragment = decodeUrlPart(hash.slice(1));
    if (fragment === "" || fragment.toLowerCase() === "top" || !isHtml(target)) return undefined;
    return scan(target).ids.has(fragment) ? undefined : `${target.url} has no element with id="${fragment}"`;
  };
  // Root-relative links (the layout's navigation, on every page) mean the same everywhere: judge each once.
  const rootVerdicts = new Map<string, string | undefined>();
  const judgeRootRelative = (href: string): string | undefined => {
    if (rootVerdicts.has(href)) return rootVerdicts.get(href);
    const url = new URL(href, ORIGIN);
    const verdict = verdictFor(url.pathname, url.hash);
    rootVerdicts.set(href, verdict);
    return verdict;
  };

  const problems: LinkProblem[] = [];
  for (const page of pages) {
    if (!isHtml(page)) continue;
    const { hrefs, ids } = scan(page);
    let base: string | undefined;
    for (const href of hrefs) {
      if (href === "" || isExternalUrl(href)) continue;
      let reason: string | undefined;
      if (href.startsWith("#")) {
        const fragment = decodeUrlPart(href.slice(1));
        if (fragment !== "" && fragment.toLowerCase() !== "top" && !ids.has(fragment)) reason = `this page has no element with id="${fragment}"`;
      } else if (href.startsWith("/")) {
        reason = judgeRootRelative(href);
      } else {
        base ??= ORIGIN + prefixSitePath(page.url, prefix);
        const url = new URL(href, base);
        reason = verdictFor(url.pathname, url.hash);
      }
      if (reason) problems.push({ page: page.url, inputPath: page.inputPath, href, reason });
    }
  }
  return problems;
}

/**
 * Each problem with the line of its link in the page's source: the n-th
 * time a page's report names an href is its n-th occurrence in the source,
 * searched as written and, when the build added the path prefix, without it.
 * A source is read only when one of its pages has a problem; a link the
 * source does not hold (the layout's) keeps no line.
 */
export function locateLinkProblems(problems: readonly LinkProblem[], readSource: (inputPath: string) => string | undefined, pathPrefix: string): LinkProblem[] {
  const prefix = normalisePathPrefix(pathPrefix);
  const sources = new Map<string, { lines: string[]; bodyIndex: number } | undefined>();
  const seen = new Map<string, number>();
  return problems.map((problem) => {
    if (!sources.has(problem.inputPath)) {
      const text = readSource(problem.inputPath);
      sources.set(problem.inputPath, text === undefined ? undefined : { lines: text.split(/\r?\n/), bodyIndex: splitFrontMatter(text).bodyLine - 1 });
    }
    const source = sources.get(problem.inputPath);
    if (!source) return problem;
    const key = `${problem.inputPath}\n${problem.href}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    const unprefixed = prefix !== "/" && problem.href.startsWith(prefix) ? `/${problem.href.slice(prefix.length)}` : undefined;
    for (const written of [problem.href, unprefixed]) {
      if (!written) continue;
      const lines: number[] = [];
      source.lines.forEach((text, index) => {
        if (index < source.bodyIndex) return;
        for (let at = text.indexOf(written); at !== -1; at = text.indexOf(written, at + written.length)) lines.push(index + 1);
      });
      if (lines.length > 0) return { ...problem, line: lines[Math.min(nth, lines.length - 1)]! };
    }
    return problem;
  });
}

/** A readable report, one line per broken link (`file:line` when known), grouped by page. */
export function formatLinkProblems(problems: readonly LinkProblem[]): string {
  const byPage = new Map<string, LinkProblem[]>();
  for (const problem of problems) byPage.set(problem.page, [...(byPage.get(problem.page) ?? []), problem]);
  const where = (p: LinkProblem) => (p.line ? `${p.inputPath.replace(/^\.\//, "")}:${p.line}  ` : "");
  const blocks = [...byPage].map(([page, list]) => [`${page} (${list[0]!.inputPath})`, ...list.map((p) => `  ${where(p)}links to ${p.href}: ${p.reason}`)].join("\n"));
  const count = problems.length === 1 ? "1 broken internal link" : `${problems.length} broken internal links`;
  return `${count}:\n\n${blocks.join("\n\n")}`;
}

/** Site paths whose links are not checked: Pagefind's index, written by the search plugin after the link check may run. */
export const DEFAULT_IGNORED_PATHS: readonly string[] = ["/pagefind/"];

/** The text of a page's source, for locating a link in it; undefined for a virtual template. */
export function readSource(inputPath: string): string | undefined {
  try {
    return readFileSync(inputPath, "utf8");
  } catch {
    return undefined;
  }
}
