import { parseFragment, readerTextOf } from "./reader-text.ts";

/**
 * Where a summary never comes from: asides and furniture around the text rather than the text.
 * A callout is `role="note"`, "parenthetic or ancillary" (a post opening with "> [!NOTE] Updated
 * in 2024" is not about that), so summaries skip callouts and only fall back to a callout's body,
 * never its title ("Note"), when the post has no other paragraph. Figures (code, diagrams),
 * disclosures, tables and the footnote list are not opening prose either.
 */
const NOT_SUMMARY_ELEMENTS: ReadonlySet<string> = new Set(["figure", "details", "aside", "nav", "table", "template"]);
const NOT_SUMMARY_CLASSES = ["callout", "footnotes"] as const;

/** How much of a post is parsed at first; most first paragraphs end well before. Doubled until one is found. */
const FIRST_CHUNK = 1024;

/**
 * The summary of a post: the reader text (src/reader-text.ts) of its first paragraph with text,
 * cut on a word boundary. Returned unescaped: templates escape it on output.
 */
export function toExcerpt(html: string, maxLength = 200): string {
  return cutOnWord(firstParagraphText(html), maxLength);
}

/**
 * A post's summary wherever one is shown (listings, the description meta tags, feed entries):
 * the author's `description`, or else the excerpt of the rendered post.
 */
export function toSummary(description: unknown, html: string | undefined): string {
  return typeof description === "string" && description.trim() ? description.trim() : toExcerpt(html ?? "");
}

/**
 * Only the start of a post is parsed, in growing prefixes: at thousands of posts, parsing each
 * whole post for one paragraph cost seconds. A paragraph is taken from a prefix only when
 * something follows it there, so the parser has seen its end and it reads as in the whole page.
 */
function firstParagraphText(html: string): string {
  for (let length = FIRST_CHUNK; ; length *= 2) {
    const whole = length >= html.length;
    const body = parseFragment(whole ? html : html.slice(0, length));
    let fallback = "";
    for (const paragraph of body.querySelectorAll("p")) {
      const complete = whole || followedByAnything(paragraph);
      if (!complete) break;
      // A paragraph of images only is a picture placed first, not the opening words; its alt is not a summary.
      if (!paragraph.textContent?.trim()) continue;
      const text = readerTextOf(paragraph);
      if (!text) continue;
      const aside = notSummaryAncestor(paragraph);
      if (!aside) return text;
      if (!fallback && aside.classList.contains("callout") && !paragraph.classList.contains("callout-title")) fallback = text;
    }
    // A callout's body is the summary only when the whole post has no paragraph of its own.
    if (whole) return fallback;
  }
}

/** The nearest ancestor a summary is not taken from, if any (a walk: linkedom compiles a selector on every `closest`). */
function notSummaryAncestor(node: Element): Element | undefined {
  for (let current = node.parentElement; current; current = current.parentElement) {
    if (NOT_SUMMARY_ELEMENTS.has(current.localName) || NOT_SUMMARY_CLASSES.some((name) => current.classList.contains(name))) return current;
  }
  return undefined;
}

function followedByAnything(node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current.nextSibling) return true;
  }
  return false;
}

function cutOnWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength + 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${cut.slice(0, lastSpace > maxLength / 2 ? lastSpace : maxLength).replace(/[\s.,;:!?-]+$/, "")}…`;
}
