import { isEmoji, twemojiFile } from "./emoji.ts";
import { drawsAsText, fontFor, measureStack, type FontMetrics, type FontStack } from "./font-metrics.ts";
import { CARD_FONT_FAMILY, fallbackFileName, fallbackFontFor, fontStack, loadFallbackFont, type CardFontWeight, type CardFonts, type FallbackFont } from "./fonts.ts";
import { fitLine, fitTitle, normaliseText, type FittedText, type TitleBox } from "./text-fit.ts";

/**
 * The card's design: 1200×630 (the size OpenGraph consumers crop least:
 * https://developers.facebook.com/docs/sharing/webmasters/images/), the
 * site's accent blue (public/styles.css, light `--accent`) as the field, with
 * white and pale-blue text. A saturated field keeps an edge against both a
 * white and a near-black timeline, where a white or a dark card would melt
 * into one of them. Text colours are at least 4.5:1 on the field.
 * Everything stays 72 px clear of the edges (tests check the outer 40 px).
 */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
export const CARD_COLOURS = {
  /** public/styles.css light `--accent`. */
  background: "#1f4fa3",
  title: "#ffffff",
  /** Site name / host, and the date and tags: pale blues, 6.1:1 and 5.3:1 on the field. */
  label: "#dbe6fb",
  meta: "#c9d7f2",
  /** public/styles.css dark `--accent`: the rule above the label. */
  rule: "#8cb4ff",
} as const;

const PADDING = 72;
const RULE = { width: 120, height: 8, gap: 28 };
const LABEL_SIZE = 34;
const META_SIZE = 30;
const SECTION_GAP = 32;
const LINE_HEIGHT = 1.15;
/** Label and meta rows: one line each, at this multiple of their size. */
const ROW_LINE_HEIGHT = 1.2;
const INNER_WIDTH = CARD_WIDTH - 2 * PADDING;
/**
 * Text is measured against 96% of the box: satori's shaping (kerning,
 * rounding) may differ slightly from summed advance widths, and a line that
 * came out a pixel wider would wrap inside satori and push the card's last
 * line off the bottom.
 */
const MEASURE_WIDTH = Math.floor(INNER_WIDTH * 0.96);
const labelHeight = Math.ceil(LABEL_SIZE * ROW_LINE_HEIGHT);
const metaHeight = Math.ceil(META_SIZE * ROW_LINE_HEIGHT);

/** The measures of the design, for a renderer that places boxes itself (src/cards/canvas-card.ts) rather than through satori's flexbox. */
export const CARD_LAYOUT = { padding: PADDING, rule: RULE, labelSize: LABEL_SIZE, metaSize: META_SIZE, titleLineHeight: LINE_HEIGHT, rowLineHeight: ROW_LINE_HEIGHT } as const;

export const TITLE_BOX: TitleBox = {
  width: MEASURE_WIDTH,
  height: CARD_HEIGHT - 2 * PADDING - (RULE.height + RULE.gap + labelHeight) - metaHeight - 2 * SECTION_GAP,
  lineHeight: LINE_HEIGHT,
  sizes: [72, 64, 58, 52, 46],
};

/** Everything a card shows, laid out: the input of the cache key and of the drawing. */
export interface CardContent {
  /** Above the title: the site's name on a post card, its host on the site card. */
  label: string;
  title: FittedText;
  /** Below the title: date and tags on a post card, the description on the site card. */
  meta: string;
  /** The Noto Sans JP files (src/cards/fonts.ts) the text is drawn with after Inter, by file name, in satori's order; empty for Latin. */
  fallbackFonts: string[];
}

/** A post as its card shows it. */
export interface PostCardText {
  title: string;
  /** Already formatted in the site's zone and language ("March 18, 2024"). */
  date: string;
  tags: readonly string[];
  siteName: string;
}

// Scripts written right to left, and the bidi controls that make text so. The card sets each line left to right (the fitting rule and both renderers: satori, canvas-card.ts), so its lines would be broken and cut in the wrong order.
const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}\p{Script=Mende_Kikakui}\p{Script=Old_Hungarian}\p{Script=Imperial_Aramaic}\p{Script=Phoenician}\u200F\u202B\u202E\u2067]/u;

const graphemes = (text: string) => Array.from(new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text), ({ segment }) => segment);

/**
 * How the card draws a grapheme: `text` with Inter or else Noto Sans JP (every
 * character of it in the font that has its first: satori draws a grapheme in
 * one font), `emoji` as a Twemoji image, `no-image` an emoji Twemoji has no
 * file for, `missing` a character neither font has.
 */
type Drawing = "text" | "emoji" | "no-image" | "missing";

function drawingOf(grapheme: string, fonts: CardFonts, weight: CardFontWeight): Drawing {
  const first = grapheme.codePointAt(0)!;
  if (!/[\uFE0F\u20E3]/u.test(grapheme)) {
    const font = fonts.metrics[weight].advances.has(first) ? fonts.metrics[weight] : fallbackFontFor(first, weight)?.metrics;
    if (font) return [...grapheme].every((char) => font.advances.has(char.codePointAt(0)!)) ? "text" : "missing";
  }
  if (!isEmoji(grapheme)) return "missing";
  return twemojiFile(grapheme) ? "emoji" : "no-image";
}

/**
 * Characters past U+FFFF (rare kanji of CJK Extension B and later) that
 * satori would draw as boxes: it remembers which font draws a character by
 * its first UTF-16 unit (satori/src/font.ts, `resolveFont`), so of two such
 * characters with the same high surrogate from different Noto Sans JP
 * subsets, the second is looked up in the first one's file.
 */
function astralClashes(text: string, fonts: CardFonts, weight: CardFontWeight): Set<string> {
  const fontByUnit = new Map<number, string>();
  const clashes = new Set<string>();
  for (const part of graphemes(text)) {
    const first = part.codePointAt(0)!;
    if (first <= 0xffff || fonts.metrics[weight].advances.has(first) || drawingOf(part, fonts, weight) !== "text") continue;
    const name = fallbackFontFor(first, weight)!.font.name;
    const seen = fontByUnit.get(part.charCodeAt(0));
    if (seen === undefined) fontByUnit.set(part.charCodeAt(0), name);
    else if (seen !== name) clashes.add(part);
  }
  return clashes;
}

/** Why a title cannot be drawn on a card (so the page gets the site card), or undefined when it can. */
export function whyNoCard(title: string, fonts: CardFonts): string | undefined {
  const text = normaliseText(title);
  if (text === "") return "the title is empty";
  if (RIGHT_TO_LEFT.test(text)) return "the title has right-to-left text, which the card sets left to right only";
  const parts = graphemes(text.replace(/ /g, ""));
  const clashes = astralClashes(text, fonts, 700);
  const missing = [...new Set(parts.filter((part) => drawingOf(part, fonts, 700) === "missing" || clashes.has(part)))];
  if (missing.length) return `the card fonts (${CARD_FONT_FAMILY}, Noto Sans JP) have no glyph for ${missing.slice(0, 5).map((char) => JSON.stringify(char)).join(", ")}`;
  if (parts.every((part) => drawingOf(part, fonts, 700) === "no-image")) return "the title is only emoji that Twemoji has no image for";
  return undefined;
}

/**
 * `text` without the graphemes the card cannot draw: an emoji without a
 * Twemoji image is left out (a gap reads better than a box, and the words
 * around it still say what the post is), and in secondary text (a tag, the
 * site's name), which must not stop a card, so is a character no font has.
 */
function drawable(text: string, fonts: CardFonts, weight: CardFontWeight): string {
  const clean = normaliseText(text);
  const clashes = astralClashes(clean, fonts, weight);
  return normaliseText(graphemes(clean).filter((part) => !clashes.has(part) && ["text", "emoji"].includes(drawingOf(part, fonts, weight))).join(""));
}

/** The Noto Sans JP files that draw the graphemes of `text` Inter lacks. */
function fallbacksOf(text: string, fonts: CardFonts, weight: CardFontWeight): FallbackFont[] {
  const found = new Set<FallbackFont>();
  for (const part of graphemes(text)) {
    const first = part.codePointAt(0)!;
    if (fonts.metrics[weight].advances.has(first) || drawingOf(part, fonts, weight) !== "text") continue;
    found.add(fallbackFontFor(first, weight)!);
  }
  return [...found];
}

/** The fallback files of `stack` that draw some grapheme of `texts`: measured with `stack`, a card needs exactly these. */
function fallbacksUsed(texts: readonly string[], stack: FontStack, fallbacks: readonly FallbackFont[]): FallbackFont[] {
  const byMetrics = new Map<FontMetrics, FallbackFont>(fallbacks.map((font) => [font.metrics, font]));
  const used = new Set<FallbackFont>();
  for (const part of graphemes(texts.join(" "))) {
    if (!drawsAsText(stack, part)) continue;
    const font = byMetrics.get(fontFor(stack, part.codePointAt(0)!)!);
    if (font) used.add(font);
  }
  return [...used];
}

/**
 * Lays a card out: the text cleaned (see `drawable`), the Noto Sans JP files
 * it needs loaded, each weight measured with the fonts satori will draw it
 * with, then only the files the fitted text still uses kept (a truncated
 * tail may have needed others).
 */
function layout(label: string, title: string, meta: string, fonts: CardFonts): CardContent {
  const fallbacks = [...new Set([...fallbacksOf(`${label} ${title}`, fonts, 700), ...fallbacksOf(meta, fonts, 400)])];
  const stacks = { 400: fontStack(fonts, fallbacks, 400), 700: fontStack(fonts, fallbacks, 700) };
  const measureWith = (weight: CardFontWeight) => (text: string, size: number) => measureStack(stacks[weight], text, size);
  const fitted = {
    label: fitLine(label, MEASURE_WIDTH, LABEL_SIZE, measureWith(700)),
    title: fitTitle(title, TITLE_BOX, measureWith(700)),
    meta: fitLine(meta, MEASURE_WIDTH, META_SIZE, measureWith(400)),
  };
  const used = new Set([...fallbacksUsed([fitted.label, ...fitted.title.lines], stacks[700], fallbacks), ...fallbacksUsed([fitted.meta], stacks[400], fallbacks)]);
  const fallbackFonts = fallbacks.filter((font) => used.has(font)).sort((a, b) => a.order - b.order || a.font.weight - b.font.weight).map(fallbackFileName);
  return { ...fitted, fallbackFonts };
}

/** A post's card, or undefined when its title cannot be drawn (see `whyNoCard`). */
export function layoutPostCard(post: PostCardText, fonts: CardFonts): CardContent | undefined {
  if (whyNoCard(post.title, fonts) !== undefined) return undefined;
  // A tag the fonts cannot draw (हिन्दी) is left off the card; the date and the other tags stay.
  const tags = post.tags.map((tag) => drawable(tag, fonts, 400)).filter((tag) => tag !== "");
  return layout(drawable(post.siteName, fonts, 700), drawable(post.title, fonts, 700), [post.date, ...tags].join(" · "), fonts);
}

/** The site's card: its host, its name as the title, its description. */
export function layoutSiteCard(site: { title: string; description: string; url: string }, fonts: CardFonts): CardContent {
  const host = new URL(site.url).host;
  const name = drawable(site.title, fonts, 700);
  return layout(host, name === "" ? host : name, drawable(site.description, fonts, 400), fonts);
}

/** The fallback fonts a laid-out card lists, loaded (once per process). */
export function cardFallbackFonts(content: CardContent): FallbackFont[] {
  return content.fallbackFonts.map(loadFallbackFont);
}

/** A satori element: the React-element shape without React (https://github.com/vercel/satori#use-without-jsx). */
export interface CardElement {
  type: "div";
  props: { style: Record<string, string | number>; children?: string | CardElement | CardElement[] };
}

const div = (style: Record<string, string | number>, children?: string | CardElement | CardElement[]): CardElement => ({ type: "div", props: { style, ...(children === undefined ? {} : { children }) } });

/** One unbreakable row of text: the lines are already measured, satori must not re-wrap them. */
const row = (text: string, style: Record<string, string | number>) => div({ display: "flex", whiteSpace: "pre", ...style }, text);

/**
 * The card as a satori element tree: the design as flexbox, which the build
 * drew until canvas-card.ts placed the same boxes by arithmetic (five times
 * cheaper). Kept as the reference the new renderer is compared with
 * (scripts/bench/card-renderers.ts draws both side by side).
 */
export function cardElement(content: CardContent): CardElement {
  const { title } = content;
  return div(
    {
      // Satori sizes boxes like CSS's content-box: the padding comes on top of width and height.
      width: INNER_WIDTH,
      height: CARD_HEIGHT - 2 * PADDING,
      display: "flex",
      flexDirection: "column",
      justifyContent: "space-between",
      padding: PADDING,
      backgroundColor: CARD_COLOURS.background,
      fontFamily: CARD_FONT_FAMILY,
    },
    [
      div({ display: "flex", flexDirection: "column" }, [
        div({ width: RULE.width, height: RULE.height, marginBottom: RULE.gap, backgroundColor: CARD_COLOURS.rule }),
        row(content.label, { fontSize: LABEL_SIZE, fontWeight: 700, lineHeight: ROW_LINE_HEIGHT, color: CARD_COLOURS.label }),
      ]),
      div(
        { display: "flex", flexDirection: "column", maxHeight: TITLE_BOX.height },
        title.lines.map((line) => row(line, { fontSize: title.fontSize, fontWeight: 700, lineHeight: LINE_HEIGHT, color: CARD_COLOURS.title })),
      ),
      row(content.meta, { fontSize: META_SIZE, fontWeight: 400, lineHeight: ROW_LINE_HEIGHT, color: CARD_COLOURS.meta }),
    ],
  );
}
