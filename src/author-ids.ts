import type MarkdownIt from "markdown-it";
import { parseFragment, type DefaultTreeAdapterTypes } from "parse5";
import { fileLine, postError, postPath } from "./post-location.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];
type Node = DefaultTreeAdapterTypes.Node;

/** An id written in a post's raw HTML, and the 0-based line of the post's body it is on. */
export interface AuthorId {
  id: string;
  bodyLine: number | undefined;
}

/**
 * Raw HTML is parsed as the content of a `<template>`, where any element may stand: a `<td id>`
 * from a table split by a blank line is kept, as the browser keeps it inside the author's table,
 * instead of being dropped as it would be in a bare body.
 */
const TEMPLATE = parseFragment("<template></template>").childNodes[0] as DefaultTreeAdapterTypes.Template;

/** Most raw HTML carries no id; only what might (`id=`, `ID =`, `data-id=`) is parsed. */
const MAY_HAVE_ID = /id\s*=/i;

/**
 * The ids an author wrote in the post's raw HTML (html_block and html_inline tokens), in order,
 * with their lines. Parsed with parse5 as a browser would: an id inside a comment, a `<script>`
 * or a `<textarea>` is not one, `ID=x` and `id=x` are. Ids the blog's own rules write are not in
 * these tokens: they are rendered later, by renderer rules.
 */
export function authorIds(tokens: readonly Token[]): AuthorId[] {
  const found: AuthorId[] = [];
  let line = 0;
  for (const token of tokens) {
    line = token.map?.[0] ?? line;
    if (token.type === "html_block") found.push(...idsIn(token.content, token.map?.[0]));
    if (!token.children) continue;
    let childLine = line;
    for (const child of token.children) {
      if (child.type === "html_inline") found.push(...idsIn(child.content, childLine));
      if (child.type === "softbreak" || child.type === "hardbreak") childLine++;
      else if (child.type === "html_inline" || child.type === "text") childLine += child.content.split("\n").length - 1;
    }
  }
  return found;
}

function idsIn(html: string, startLine: number | undefined): AuthorId[] {
  if (!MAY_HAVE_ID.test(html)) return [];
  const ids: AuthorId[] = [];
  const visit = (node: Node): void => {
    if ("attrs" in node) {
      const id = node.attrs.find((attribute) => attribute.name === "id")?.value;
      // An empty id is no id: nothing can link to it (https://html.spec.whatwg.org/#the-id-attribute).
      const offset = node.sourceCodeLocation?.attrs?.id?.startLine ?? 1;
      if (id) ids.push({ id, bodyLine: startLine === undefined ? undefined : startLine + offset - 1 });
    }
    if ("childNodes" in node) node.childNodes.forEach(visit);
    if ("content" in node) visit(node.content);
  };
  visit(parseFragment(TEMPLATE, html, { sourceCodeLocationInfo: true }));
  return ids;
}

/**
 * Ids the layout writes on a post page without a `_`: a heading must not take them (`## Main`
 * would break the skip link, which targets #main), nor may the author's HTML.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set(["main"]);

/**
 * Why an id the author wrote cannot stay, or nothing. Every id the blog writes on a post page
 * contains `_` (`fn_1`, `fnref_1`, `diagram_…`, `toc_title`, `theme_label`) or is reserved
 * (`main`), and no heading id does (src/slugs.ts): so an author's id without `_` can only collide
 * with a heading, which steps aside, or with the author's own.
 */
function problemWith(id: string): string | undefined {
  if (RESERVED_IDS.has(id)) return `the id "${id}" is the page's own (the skip link leads to #${id}, the post's main content)`;
  if (!id.includes("_")) return undefined;
  const owner = SITE_ID_OWNERS.find(([prefix]) => id.startsWith(prefix))?.[1];
  return `the id "${id}" has a "_", which the blog keeps for the ids it writes itself${owner ? ` (${owner} is #${id})` : ` (footnotes, diagrams, the table of contents)`}`;
}

const SITE_ID_OWNERS: ReadonlyArray<[prefix: string, owner: string]> = [
  ["fnref_", "a footnote reference"],
  ["fn_", "a footnote"],
  ["diagram_", "a diagram's part"],
  ["toc_", "the table of contents' heading"],
  ["series_", "the series box's heading"],
  ["related_", "the related posts' heading"],
  ["theme_", "the theme switch's label"],
];

/** A name for the fix that the blog will never write itself. */
function suggestion(id: string): string {
  const renamed = id.replaceAll("_", "-");
  return renamed === id ? `${id}-section` : renamed;
}

/**
 * The errors for ids in the post's raw HTML that would not be unique on its page: one written
 * twice (each repeat, naming where it was first), or one the blog writes itself. Only for a
 * post, whose page is known: a bare `md.render` (a CommonMark example) is not a page.
 */
export function authorIdErrors(ids: readonly AuthorId[], env: unknown): Error[] {
  const file = postPath(env);
  if (!file) return [];
  const first = new Map<string, AuthorId>();
  const errors: Error[] = [];
  const where = (at: AuthorId) => `${file.replace(/^\.\//, "")}:${fileLine(file, at.bodyLine ?? 0)}`;
  for (const at of ids) {
    const problem = problemWith(at.id);
    const earlier = first.get(at.id);
    if (problem) {
      errors.push(postError(env, at.bodyLine, `${problem}${earlier ? `, and it is also written at ${where(earlier)}` : ""}: a link to it could land on the wrong element. Rename it, e.g. to "${suggestion(at.id)}".`));
    } else if (earlier) {
      errors.push(postError(env, at.bodyLine, `the id "${at.id}" is already written at ${where(earlier)}: ids must be unique on a page, or a link to #${at.id} lands on the first. Rename one of them.`));
    }
    if (!earlier) first.set(at.id, at);
  }
  return errors;
}
