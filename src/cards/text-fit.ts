/**
 * How a card's text is made to fit, decided before satori draws anything:
 * satori wraps text but cannot report overflow, so the card computes its own
 * font size, line breaks and truncation with measured widths and hands satori
 * one unbreakable line per row.
 *
 * The rule, for a title in a box of given width and height:
 * 1. shrink: the largest of the allowed sizes at which the wrapped title fits
 *    in as many lines as the box height allows at that size;
 * 2. wrap: greedily at spaces and, in Chinese and Japanese, between any two
 *    characters (except before closing punctuation and small kana, or after
 *    opening brackets: kinsoku); a word wider than the box breaks between
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

// Han, kana, CJK punctuation and full-width forms: a line may break before or after each (UAX #14 class ID, https://unicode.org/reports/tr14/).
const IDEOGRAPHIC = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\u3000-\u303f\uff00-\uffef]/u;
// Kinsoku (JIS X 4051, https://www.w3.org/TR/jlreq/#characters_not_starting_a_line): no line starts with these…
const NO_BREAK_BEFORE = /^[、。，．：；？！）」』】〕〉》〙〗〟’”ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰ-ㇿ・…‥〜～）］｝,.:;!?)\]}%]/u;
// …and none ends with these.
const NO_BREAK_AFTER = /[（「『【〔〈《〘〖〝‘“（［｛([{]$/u;

/** A piece of text between two break opportunities, and whether a space stood before it. */
interface Unit {
  text: string;
  space: boolean;
}

/** The text as the pieces a line may break between: words, and inside a word each CJK character. */
function breakUnits(text: string): Unit[] {
  const units: Unit[] = [];
  for (const word of normaliseText(text).split(" ")) {
    if (word === "") continue;
    let piece = "";
    let space = true;
    let previous = "";
    for (const grapheme of splitGraphemes(word)) {
      const canBreak = piece !== "" && (IDEOGRAPHIC.test(previous) || IDEOGRAPHIC.test(grapheme)) && !NO_BREAK_BEFORE.test(grapheme) && !NO_BREAK_AFTER.test(previous);
      if (canBreak) {
        units.push({ text: piece, space });
        piece = "";
        space = false;
      }
      piece += grapheme;
      previous = grapheme;
    }
    units.push({ text: piece, space });
  }
  return units;
}

/** Lines of the greedy wrap, each with whether it began after a space (to put the space back when lines are joined). */
function wrapUnits(text: string, width: number, fontSize: number, measure: Measure): Unit[] {
  const lines: Unit[] = [];
  let line = "";
  let lineSpace = false;
  const push = () => {
    if (line !== "") lines.push({ text: line, space: lineSpace });
    line = "";
  };
  for (const unit of breakUnits(text)) {
    const candidate = line === "" ? unit.text : `${line}${unit.space ? " " : ""}${unit.text}`;
    if (measure(candidate, fontSize) <= width) {
      if (line === "") lineSpace = unit.space;
      line = candidate;
      continue;
    }
    push();
    lineSpace = unit.space;
    if (measure(unit.text, fontSize) <= width) {
      line = unit.text;
      continue;
    }
    for (const grapheme of splitGraphemes(unit.text)) {
      if (line !== "" && measure(line + grapheme, fontSize) > width) {
        push();
        lineSpace = false;
      }
      line += grapheme;
    }
  }
  push();
  return lines;
}

/** Greedy line breaking at spaces and between CJK characters; words wider than the line are broken between graphemes. */
export function wrapText(text: string, width: number, fontSize: number, measure: Measure): string[] {
  return wrapUnits(text, width, fontSize, measure).map((line) => line.text);
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
  return kept.replace(/[\s,.;:·–—\-、。，．：；・]+$/u, "") + ELLIPSIS;
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
  const lines = wrapUnits(text, box.width, size, measure);
  const count = maxLines(size);
  const kept = lines.slice(0, count - 1).map((line) => line.text);
  // The rest of the title follows the last kept line: it is cut, not just dropped, so the ellipsis sits where text continues (with its spaces, and none between CJK characters).
  const last = lines.slice(count - 1).map((line, i) => (i > 0 && line.space ? " " : "") + line.text).join("");
  kept.push(truncateToWidth(last, box.width, size, measure));
  return { fontSize: size, lines: kept, truncated: true };
}
