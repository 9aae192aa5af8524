/**
 * How a card's text is made to fit, decided before satori draws anything:
 * satori wraps text but cannot report overflow, so the card computes its own
 * font size, line breaks and truncation with measured widths and hands satori
 * one unbreakable line per row.
 *
 * The rule, for a title in a box of given width and height:
 * 1. shrink: the largest of the allowed sizes at which the wrapped title fits
 *    in as many lines as the box height allows at that size;
 * 2. wrap: greedily at spaces; a word wider than the box breaks between
 *    graphemes (a URL, a long compound, text without spaces);
 * 3. truncate: at the smallest size, the lines that fit, the last one cut
 *    (at a space when that keeps most of it) and ended with "…".
 */

/** Width in pixels of `text` set at `fontSize`. */
export type Measure = (text: string, fontSize: number) => number;

export interface TitleBox {
  width: number;
  height: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  /** Allowed font sizes, largest first. */
  sizes: readonly number[];
}

export interface FittedText {
  fontSize: number;
  lines: string[];
  truncated: boolean;
}

export const ELLIPSIS = "…";

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

/** Collapses runs of white space (new lines included) to one space: a card shows one paragraph. */
export function normaliseText(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** Greedy line breaking at spaces; words wider than the line are broken between graphemes. */
export function wrapText(text: string, width: number, fontSize: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of normaliseText(text).split(" ")) {
    if (word === "") continue;
    const candidate = line === "" ? word : `${line} ${word}`;
    if (measure(candidate, fontSize) <= width) {
      line = candidate;
      continue;
    }
    if (line !== "") lines.push(line);
    line = "";
    if (measure(word, fontSize) <= width) {
      line = word;
      continue;
    }
    for (const grapheme of splitGraphemes(word)) {
      if (line !== "" && measure(line + grapheme, fontSize) > width) {
        lines.push(line);
        line = "";
      }
      line += grapheme;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * `text` cut to fit `width` once "…" is appended. Cuts at the last space when
 * that keeps at least 60% of what fits, so a word is not split needlessly;
 * trailing spaces and punctuation go before the ellipsis ("cold starts, …" →
 * "cold starts…").
 */
export function truncateToWidth(text: string, width: number, fontSize: number, measure: Measure): string {
  let parts = splitGraphemes(text);
  while (parts.length > 0 && measure(parts.join("") + ELLIPSIS, fontSize) > width) parts.pop();
  let kept = parts.join("");
  const space = kept.lastIndexOf(" ");
  if (space >= kept.length * 0.6) kept = kept.slice(0, space);
  return kept.replace(/[\s,.;:·–—-]+$/u, "") + ELLIPSIS;
}

/** One line of text at a fixed size, truncated with "…" when wider than `width`. */
export function fitLine(text: string, width: number, fontSize: number, measure: Measure): string {
  const clean = normaliseText(text);
  return measure(clean, fontSize) <= width ? clean : truncateToWidth(clean, width, fontSize, measure);
}

/** The title's size and lines by the rule above. Never more lines than the box holds, none wider than it. */
export function fitTitle(text: string, box: TitleBox, measure: Measure): FittedText {
  if (box.sizes.length === 0) throw new Error("fitTitle needs at least one font size");
  const maxLines = (size: number) => Math.max(1, Math.floor(box.height / (size * box.lineHeight)));
  for (const size of box.sizes) {
    const lines = wrapText(text, box.width, size, measure);
    if (lines.length <= maxLines(size)) return { fontSize: size, lines, truncated: false };
  }
  const size = box.sizes[box.sizes.length - 1]!;
  const lines = wrapText(text, box.width, size, measure);
  const kept = lines.slice(0, maxLines(size));
  // The rest of the title follows the last kept line: it is cut, not just dropped, so the ellipsis sits where text continues.
  const last = [kept.pop()!, ...lines.slice(kept.length + 1)].join(" ");
  kept.push(truncateToWidth(last, box.width, size, measure));
  return { fontSize: size, lines: kept, truncated: true };
}
