import { parseHTML } from "linkedom";
import { parse, serialize } from "parse5";
import { toSlug } from "../../src/slugs.ts";

/**
 * Generated post bodies that mix headings with ids an author writes in raw HTML, in every place
 * Markdown passes HTML through (blocks, inline in paragraphs, lists, quotes, tables and headings),
 * spelled every way HTML allows (double, single and no quotes, `ID`, spaces around `=`, an id on a
 * later line of its tag), plus `id=` that is not an id (code, comments, `<textarea>`, `<script>`).
 * Each id's line is known, so tests can check errors at exact lines.
 */

/** A piece of a post: its lines, and for an id it carries, on which of them the id is. */
interface Piece {
  lines: string[];
  /** The id the browser will see on an element, and its line within `lines`. */
  id?: { value: string; line: number; tag: string };
  /** A heading's text and level, when the piece is one. */
  heading?: { text: string; level: number };
}

type Form = (id: string) => Piece;

/** Raw HTML that gives an element an id, as an author might write it. */
export const ID_FORMS: Record<string, Form> = {
  blockDoubleQuotes: (id) => ({ lines: [`<div id="${id}">A block.</div>`], id: { value: id, line: 0, tag: "DIV" } }),
  blockSingleQuotesUpperCase: (id) => ({ lines: [`<section ID='${id}'>`, `<p>In a section.</p>`, `</section>`], id: { value: id, line: 0, tag: "SECTION" } }),
  blockNoQuotes: (id) => ({ lines: [`<DIV Id=${id}></DIV>`], id: { value: id, line: 0, tag: "DIV" } }),
  blockIdOnLaterLine: (id) => ({ lines: [`<div`, `  class="box"`, `  id = "${id}">`, `</div>`], id: { value: id, line: 2, tag: "DIV" } }),
  blockNested: (id) => ({ lines: [`<figure>`, `<figcaption id="${id}">A caption.</figcaption>`, `</figure>`], id: { value: id, line: 1, tag: "FIGCAPTION" } }),
  inlineAnchor: (id) => ({ lines: [`Text with <a id="${id}"></a> an anchor.`], id: { value: id, line: 0, tag: "A" } }),
  inlineSecondLine: (id) => ({ lines: [`A first line,`, `then <span ID = '${id}'>a span</span>.`], id: { value: id, line: 1, tag: "SPAN" } }),
  inlineAfterHardBreak: (id) => ({ lines: [`Two<br>`, `<span id=${id}>after a break</span>, and *more*.`], id: { value: id, line: 1, tag: "SPAN" } }),
  inlineTagOverTwoLines: (id) => ({ lines: [`Some <span`, `id="${id}">split tag</span>.`], id: { value: id, line: 1, tag: "SPAN" } }),
  inlineInList: (id) => ({ lines: [`- an item`, `- another <a id="${id}"></a> item`], id: { value: id, line: 1, tag: "A" } }),
  inlineInQuote: (id) => ({ lines: [`> A quote`, `> with <em id="${id}">an id</em>.`], id: { value: id, line: 1, tag: "EM" } }),
  inlineInTable: (id) => ({ lines: [`| a | b |`, `|---|---|`, `| c | d |`, `| <span id="${id}">e</span> | f |`], id: { value: id, line: 3, tag: "SPAN" } }),
  inlineInHeading: (id) => ({ lines: [`## Title <a id="${id}"></a>`], id: { value: id, line: 0, tag: "A" }, heading: { text: "Title", level: 2 } }),
};

/** `id=` that gives no element an id: Markdown code, an HTML comment, raw text elements. */
export const DECOY_FORMS: Record<string, Form> = {
  codeSpan: (id) => ({ lines: [`Write \`<div id="${id}">\` for that.`] }),
  fence: (id) => ({ lines: ["```html", `<div id="${id}"></div>`, "```"] }),
  // After a paragraph, so that it is code even after a list, whose item it would otherwise continue.
  indentedCode: (id) => ({ lines: ["Code follows.", "", `    <a id="${id}"></a>`] }),
  comment: (id) => ({ lines: [`<!-- <div id="${id}"> -->`] }),
  inlineComment: (id) => ({ lines: [`Text <!-- <a id="${id}"></a> --> more.`] }),
  textarea: (id) => ({ lines: [`<textarea aria-label="Example"><div id="${id}"></div></textarea>`] }),
  script: (id) => ({ lines: [`<script type="text/plain">`, `"<div id='${id}'>"`, `</script>`] }),
  escaped: (id) => ({ lines: [`\\<span id="${id}">`] }),
};

/** Heading names whose slugs the raw ids below take, some twice. */
export const HEADING_NAMES = ["Setup", "Install", "Next steps", "FAQ", "Über uns", "C++", "Step 2", "Contents", "Title", "!!!"];

/**
 * Ids an author may write: each heading's slug, the slug a repeated heading gets (`setup-2`),
 * another letter case, and look-alikes of the blog's own ids spelled with `-`.
 */
export const GOOD_IDS = [...new Set([...HEADING_NAMES.map(toSlug).filter(Boolean), "setup-2", "setup-3", "section", "Setup", "FAQ", "toc-title", "fn-1", "fnref-1", "tag-feeds", "feeds", "theme-label", "diagram-1"])];

/** Ids the blog writes itself (or keeps for itself: anything with `_`), which an author's HTML may not use. */
export const SITE_IDS = ["fn_1", "fnref_2", "fnref_1_2", "toc_title", "series_title", "related_title", "theme_label", "diagram_0a1b2c3d_1", "my_anchor", "main"];

/** What decoys pretend to be: the headings' slugs, and ids the blog writes, which would be errors as ids. */
const DECOY_IDS = [...HEADING_NAMES.map((name) => toSlug(name) || "section"), ...SITE_IDS];

/** A deterministic pseudo-random sequence: the same posts on every run. */
export function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * n);
  };
}

export interface GeneratedPost {
  body: string;
  /** Every real id in the raw HTML, in order, with its 0-based line in the body. */
  ids: Array<{ value: string; line: number; tag: string; form: string }>;
  headings: Array<{ text: string; level: number }>;
}

function assemble(pieces: Array<[form: string, piece: Piece]>): GeneratedPost {
  const lines: string[] = [];
  const post: GeneratedPost = { body: "", ids: [], headings: [] };
  for (const [form, piece] of pieces) {
    if (piece.id) post.ids.push({ ...piece.id, line: lines.length + piece.id.line, form });
    if (piece.heading) post.headings.push(piece.heading);
    lines.push(...piece.lines, "");
  }
  post.body = lines.join("\n");
  return post;
}

/**
 * The page as a browser holds it: parse5 parses it as the HTML standard says (attribute names
 * lower-cased, `ID=x` is an id), then linkedom gives it a DOM to query (its own parser keeps `ID`).
 */
export function browserDocument(html: string): Document {
  return parseHTML(serialize(parse(html))).document as unknown as Document;
}

const pick = <T>(next: (n: number) => number, items: readonly T[]): T => items[next(items.length)]!;

/**
 * A post of headings, raw HTML ids and decoys in random order. `ids` are used once each, in the
 * given order, so a test decides which repeat; every form and decoy appears in every post when
 * there are enough ids.
 */
export function generatePost(seed: number, ids: readonly string[]): GeneratedPost {
  const next = random(seed);
  const forms = Object.entries(ID_FORMS);
  const pieces: Array<[string, Piece]> = ids.map((id, i) => {
    const [name, form] = forms[(i + seed) % forms.length]!;
    return [name, form(id)];
  });
  for (const [name, decoy] of Object.entries(DECOY_FORMS)) pieces.push([name, decoy(pick(next, DECOY_IDS))]);
  for (let i = 0; i < 12; i++) {
    const heading = { text: pick(next, HEADING_NAMES), level: 2 + next(2) };
    pieces.push(["heading", { lines: [`${"#".repeat(heading.level)} ${heading.text}`], heading }]);
  }
  pieces.push(["paragraph", { lines: ["Plain text."] }]);
  // Shuffled, so every kind of piece comes before and after every other.
  for (let i = pieces.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [pieces[i], pieces[j]] = [pieces[j]!, pieces[i]!];
  }
  // Two pieces in a row must not merge: a list or quote would swallow a following paragraph line, which the blank line prevents.
  return assemble(pieces);
}

/** `count` distinct ids drawn from `pool`. */
export function distinctIds(seed: number, pool: readonly string[], count: number): string[] {
  const next = random(seed * 31 + 7);
  const left = [...pool];
  const out: string[] = [];
  while (out.length < count && left.length > 0) out.push(left.splice(next(left.length), 1)[0]!);
  return out;
}
