import { CARD_FONT_FAMILY, measureText, missingGlyphs, type CardFonts } from "./fonts.ts";
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
const INNER_WIDTH = CARD_WIDTH - 2 * PADDING;
/**
 * Text is measured against 96% of the box: satori's shaping (kerning,
 * rounding) may differ slightly from summed advance widths, and a line that
 * came out a pixel wider would wrap inside satori and push the card's last
 * line off the bottom.
 */
const MEASURE_WIDTH = Math.floor(INNER_WIDTH * 0.96);
const labelHeight = Math.ceil(LABEL_SIZE * 1.2);
const metaHeight = Math.ceil(META_SIZE * 1.2);

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
}

/** A post as its card shows it. */
export interface PostCardText {
  title: string;
  /** Already formatted in the site's zone and language ("March 18, 2024"). */
  date: string;
  tags: readonly string[];
  siteName: string;
}

// Scripts written right to left, and the bidi controls that make text so. Satori lays text out left to right only.
const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}\p{Script=Mende_Kikakui}\p{Script=Old_Hungarian}\p{Script=Imperial_Aramaic}\p{Script=Phoenician}\u200F\u202B\u202E\u2067]/u;

/** Why a title cannot be drawn on a card (so the page gets the site card), or undefined when it can. */
export function whyNoCard(title: string, fonts: CardFonts): string | undefined {
  const text = normaliseText(title);
  if (text === "") return "the title is empty";
  if (RIGHT_TO_LEFT.test(text)) return "the title has right-to-left text, which satori cannot lay out";
  const missing = missingGlyphs(fonts.metrics[700], text.replace(/ /g, ""));
  if (missing.length) return `the card font (${CARD_FONT_FAMILY}) has no glyph for ${missing.slice(0, 5).map((char) => JSON.stringify(char)).join(", ")}`;
  return undefined;
}

/** Graphemes the font cannot draw removed: for secondary text (a tag, the site's name) that must not stop a card. */
function drawable(text: string, fonts: CardFonts, weight: 400 | 700): string {
  const missing = new Set(missingGlyphs(fonts.metrics[weight], text));
  if (missing.size === 0) return text;
  return normaliseText(Array.from(new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text), ({ segment }) => ([...segment].some((char) => missing.has(char)) ? "" : segment)).join(""));
}

function measureWith(fonts: CardFonts, weight: 400 | 700) {
  return (text: string, size: number) => measureText(fonts.metrics[weight], text, size);
}

/** A post's card, or undefined when its title cannot be drawn (see `whyNoCard`). */
export function layoutPostCard(post: PostCardText, fonts: CardFonts): CardContent | undefined {
  if (whyNoCard(post.title, fonts) !== undefined) return undefined;
  // A tag the font cannot draw (日本語) is left off the card; the date and the other tags stay.
  const tags = post.tags.map((tag) => drawable(tag, fonts, 400)).filter((tag) => tag !== "");
  return {
    label: fitLine(drawable(post.siteName, fonts, 700), MEASURE_WIDTH, LABEL_SIZE, measureWith(fonts, 700)),
    title: fitTitle(post.title, TITLE_BOX, measureWith(fonts, 700)),
    meta: fitLine([post.date, ...tags].join(" · "), MEASURE_WIDTH, META_SIZE, measureWith(fonts, 400)),
  };
}

/** The site's card: its host, its name as the title, its description. */
export function layoutSiteCard(site: { title: string; description: string; url: string }, fonts: CardFonts): CardContent {
  const host = new URL(site.url).host;
  const name = drawable(site.title, fonts, 700);
  return {
    label: fitLine(host, MEASURE_WIDTH, LABEL_SIZE, measureWith(fonts, 700)),
    title: fitTitle(name === "" ? host : name, TITLE_BOX, measureWith(fonts, 700)),
    meta: fitLine(drawable(site.description, fonts, 400), MEASURE_WIDTH, META_SIZE, measureWith(fonts, 400)),
  };
}

/** A satori element: the React-element shape without React (https://github.com/vercel/satori#use-without-jsx). */
export interface CardElement {
  type: "div";
  props: { style: Record<string, string | number>; children?: string | CardElement | CardElement[] };
}

const div = (style: Record<string, string | number>, children?: string | CardElement | CardElement[]): CardElement => ({ type: "div", props: { style, ...(children === undefined ? {} : { children }) } });

/** One unbreakable row of text: the lines are already measured, satori must not re-wrap them. */
const row = (text: string, style: Record<string, string | number>) => div({ display: "flex", whiteSpace: "pre", ...style }, text);

/** The element tree satori draws for a laid-out card. */
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
        row(content.label, { fontSize: LABEL_SIZE, fontWeight: 700, lineHeight: 1.2, color: CARD_COLOURS.label }),
      ]),
      div(
        { display: "flex", flexDirection: "column", maxHeight: TITLE_BOX.height },
        title.lines.map((line) => row(line, { fontSize: title.fontSize, fontWeight: 700, lineHeight: LINE_HEIGHT, color: CARD_COLOURS.title })),
      ),
      row(content.meta, { fontSize: META_SIZE, fontWeight: 400, lineHeight: 1.2, color: CARD_COLOURS.meta }),
    ],
  );
}
