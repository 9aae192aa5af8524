import { readFileSync } from "node:fs";
import { posix } from "node:path";
import yaml from "js-yaml";
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { parseFrontMatterDate } from "./front-matter-schema.ts";
import { nearestName } from "./nearest-name.ts";
import { decodeUrlPart, isExternalUrl, prefixSitePath } from "./routes.ts";
import { postError, postPath } from "./post-location.ts";
import { splitFrontMatter } from "./validate-posts.ts";

/**
 * Links to a post's source file, `[the setup](./other-post.md#setup)`, as
 * GitHub's preview, VS Code and Obsidian follow them, become links to the page
 * built from that file (eleventy-base-blog does the same with Eleventy's
 * InputPathToUrl plugin: https://www.11ty.dev/docs/plugins/inputpath-to-url/).
 * Resolved while Markdown is parsed, from Eleventy's content map, so no built
 * page is parsed again.
 */

/** What Eleventy's `eleventy.contentMap` event says about each input path. https://www.11ty.dev/docs/events/#eleventy.contentmap */
export interface SourceIndex {
  /**
   * The URLs built from each template, keyed `./posts/a.md`, without the path
   * prefix. `[]` when a preprocessor dropped it (a draft or scheduled post in
   * a production build), `[false]` for `permalink: false`.
   */
  inputPathToUrl: Readonly<Record<string, ReadonlyArray<string | false>>>;
  /** Eleventy's input folder, e.g. `./`: root-relative links (`/posts/a.md`) start there. */
  inputDir: string;
  /** Whether a file exists at this input path (`./posts/a.md`). */
  fileExists: (inputPath: string) => boolean;
  /** Why a template that exists builds no page: "a draft (`draft: true`)". */
  whyUnpublished: (inputPath: string) => string;
}

export type SourceLink =
  /** The page's URL, without the path prefix, with the link's `?query#fragment` as written. */
  | { url: string }
  /** Why the link cannot be followed, and what to do. */
  | { problem: string };

const MARKDOWN_FILE = /\.md$/i;

/** `./posts/a.md`: the form of Eleventy's input paths. */
function asInputPath(path: string): string {
  return `./${posix.normalize(path).replace(/^\.\/+/, "")}`;
}

/**
 * The input path a link to a Markdown file names, or undefined when the link
 * is not to a Markdown file (a page URL, another file, an external URL, an
 * anchor). Relative links start at the linking file's folder, as on GitHub;
 * root-relative ones (`/posts/a.md`) at the input folder.
 */
export function linkedSourcePath(href: string, fromInputPath: string, inputDir: string): { inputPath: string; outside: boolean } | undefined {
  if (href === "" || isExternalUrl(href)) return undefined;
  const path = decodeUrlPart(href.replace(/[?#].*$/s, ""));
  if (!MARKDOWN_FILE.test(path)) return undefined;
  const root = asInputPath(inputDir);
  const joined = path.startsWith("/") ? posix.join(root, path) : posix.join(posix.dirname(fromInputPath), path);
  const inputPath = asInputPath(joined);
  const fromRoot = posix.relative(root, inputPath);
  return { inputPath, outside: fromRoot.startsWith("../") || posix.isAbsolute(fromRoot) };
}

/** How to write a link from one input path to another, as the author would: `./a.md`, `../2024/a.md`. */
function hrefBetween(fromInputPath: string, toInputPath: string): string {
  const relative = posix.relative(posix.dirname(fromInputPath), toInputPath);
  return relative.startsWith("../") ? relative : `./${relative}`;
}

/**
 * The URL a link to a Markdown file resolves to, or the problem with it;
 * undefined when the link is not to a Markdown file and stays as written.
 */
export function resolveSourceLink(href: string, fromInputPath: string, index: SourceIndex): SourceLink | undefined {
  const target = linkedSourcePath(href, fromInputPath, index.inputDir);
  if (!target) return undefined;
  const { inputPath } = target;
  const file = inputPath.slice(2);
  if (target.outside) {
    return { problem: `links to "${href}", a file outside the site's folder, which has no page: link to a post or page of the site, or to the file's public URL (https://…)` };
  }
  const urls = index.inputPathToUrl[inputPath];
  const url = urls?.find((candidate): candidate is string => typeof candidate === "string");
  if (url !== undefined) return { url: url + href.slice(href.search(/[?#]|$/)) };
  if (urls) return { problem: `links to "${href}" (${file}), which is ${index.whyUnpublished(inputPath)}, so it has no page in this build: publish it first, or remove the link` };
  if (index.fileExists(inputPath)) {
    return { problem: `links to "${href}" (${file}), which is not a page of the site (the build ignores it): link to a post or page, or to the file's public URL (https://…)` };
  }
  const known = Object.keys(index.inputPathToUrl).filter((path) => MARKDOWN_FILE.test(path));
  const meant = nearestName(inputPath, known);
  const fix = meant ? `did you mean "${hrefBetween(fromInputPath, meant)}"?` : "fix the file name, or link to the post's URL";
  return { problem: `links to "${href}", but there is no ${file}: ${fix}` };
}

/**
 * Why a template that exists has no page, from its front matter: the reasons
 * the blog drops a post (src/plugins/drafts.ts). Read only when a link to it
 * is reported.
 */
export function whyUnpublished(inputPath: string): string {
  let data: unknown;
  try {
    data = yaml.load(splitFrontMatter(readFileSync(inputPath, "utf8")).yaml ?? "");
  } catch {
    data = undefined;
  }
  const fields = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  if (fields.permalink === false) return "written with `permalink: false`";
  if (fields.draft === true) return "a draft (`draft: true`)";
  const date = parseFrontMatterDate(fields.date);
  if (date && date.getTime() > Date.now()) return `scheduled for ${date.toISOString().slice(0, 10)} (a production build leaves it out until then)`;
  return "left out of the build";
}

/** The 0-based line of the Markdown body on which each child of an inline token starts. */
function childLines(block: Token, line: number): number[] {
  const lines: number[] = [];
  for (const child of block.children ?? []) {
    lines.push(line);
    if (child.type === "softbreak" || child.type === "hardbreak") line++;
    else if (child.type === "html_inline" || child.type === "text") line += child.content.split("\n").length - 1;
  }
  return lines;
}

/**
 * A markdown-it plugin: every `[text](file.md)` link (inline, reference-style
 * or in a footnote) to a post or page becomes a link to its URL, with the path
 * prefix; one to any other Markdown file is a PostError at the link's line.
 * Runs before the blog's `path_prefix` rule, which then leaves the URL alone
 * because it already starts with the prefix; the prefix is applied here so
 * that the result does not depend on that rule being present.
 */
export function sourceLinksPlugin(md: MarkdownIt, options: { index: () => SourceIndex | undefined; pathPrefix: () => string }): void {
  const rule = (state: { tokens: Token[]; env: unknown }): void => {
    const from = postPath(state.env);
    const index = options.index();
    if (!from || !index) return;
    const prefix = options.pathPrefix();
    let line = 0;
    const problems: Error[] = [];
    for (const block of state.tokens) {
      line = block.map?.[0] ?? line;
      if (!block.children) continue;
      const lines = childLines(block, line);
      block.children.forEach((token, i) => {
        // Autolinks and bare URLs (`<https://…/a.md>`) are web addresses, never files.
        if (token.type !== "link_open" || token.markup === "autolink" || token.markup === "linkify") return;
        const href = token.attrGet("href") ?? "";
        const resolved = resolveSourceLink(href, from, index);
        if (!resolved) return;
        if ("problem" in resolved) return void problems.push(postError(state.env, lines[i], resolved.problem));
        // Eleventy's URL as a link: a permalink with spaces or non-ASCII letters is percent-encoded, as markdown-it encodes any href.
        token.attrSet("href", md.normalizeLink(prefixSitePath(resolved.url, prefix)));
      });
    }
    // Every bad link in the post at once (src/plugins/markdown.ts collects them), not one per build.
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new AggregateError(problems, `${problems.length} links to Markdown files that are not published posts`);
  };
  try {
    md.core.ruler.before("path_prefix", "source_links", rule);
  } catch {
    // No path_prefix rule (the site is at `/`, or a bare markdown-it): after every other rule is as good.
    md.core.ruler.push("source_links", rule);
  }
}
