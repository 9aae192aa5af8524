import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createCanvas, GlobalFonts, loadImage, PngFilter, type Canvas, type Image, type SKRSContext2D } from "@napi-rs/canvas";
import { CARD_COLOURS, CARD_HEIGHT, CARD_LAYOUT, CARD_WIDTH, cardFallbackFonts, type CardContent } from "./card-template.ts";
import { EMOJI_PACKAGE, twemojiFile } from "./emoji.ts";
import { drawsAsText, fontFor, type FontMetrics, type FontStack } from "./font-metrics.ts";
import { CARD_FONT_FAMILY, fontStack, loadCardFonts, type CardFont, type CardFontWeight, type CardFonts, type FallbackFont } from "./fonts.ts";

/**
 * Draws a laid-out card (card-template.ts decides the text, its size, its
 * lines and its fonts) with Skia through @napi-rs/canvas: the boxes satori's
 * flexbox placed, placed here by arithmetic. About a fifth of satori + resvg's
 * CPU per card (scripts/bench/card-renderers.ts): no SVG is written and
 * parsed again, glyphs are rasterised from the font rather than as paths, and
 * the PNG is encoded at zlib level 1 without row filters (files about a third
 * larger; the default settings cost more than all of the drawing).
 *
 * Determinism: text only ever names fonts registered here (never an installed
 * one), the layout has already refused any character no registered font has,
 * `lang` is fixed, and the PNG has no metadata, so one machine draws the same
 * bytes every time (tests/unit/social-card.test.ts).
 */

/** The versions whose code decides the pixels: part of the cache fingerprint (src/social-cards.ts). */
export const CANVAS_PACKAGE = "@napi-rs/canvas";
/** PNG settings, part of the cache fingerprint. */
export const PNG_OPTIONS = { compressionLevel: 1, filters: PngFilter.None } as const;

const registered = new Set<string>();

/** Registers a font file under its own family name at its weight, once per thread (Skia picks faces by their descriptors, as `@font-face` does). */
function register(font: CardFont): void {
  const id = `${font.name}\0${font.weight}`;
  if (registered.has(id)) return;
  if (!GlobalFonts.register(font.data, font.name, { weight: font.weight, style: "normal" })) throw new Error(`Skia could not load the card font ${font.file}`);
  registered.add(id);
}

/** The CSS font list of a card's text at `weight`: Inter's files, then the card's Noto Sans JP files, in the order the layout measured them (fonts.ts, `fontStack`). */
function fontList(fonts: CardFonts, content: CardContent, weight: CardFontWeight): string {
  const fallbacks = cardFallbackFonts(content);
  for (const font of [...fonts.files, ...fallbacks.map((fallback) => fallback.font)]) register(font);
  const names = [...fonts.files.filter((font) => font.weight === weight).map((font) => font.name), ...[...new Set(fallbacks.sort((a, b) => a.order - b.order).map((fallback) => fallback.font.name))]];
  return names.map((name) => JSON.stringify(name)).join(", ");
}

const require = createRequire(import.meta.url);
const emojiImages = new Map<string, Image>();

/** A Twemoji SVG, decoded once per thread. */
async function emojiImage(file: string): Promise<Image> {
  let image = emojiImages.get(file);
  if (!image) {
    image = await loadImage(readFileSync(join(dirname(require.resolve(`${EMOJI_PACKAGE}/package.json`)), file)));
    emojiImages.set(file, image);
  }
  return image;
}

const graphemeSegmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** A line as what draws it: runs of text (one `fillText`, so Skia shapes and kerns them), and emoji, each an image. */
type Piece = { text: string } | { emoji: Image };

interface Line {
  pieces: Piece[];
  /** The font files that draw its text, by the names they are registered under. */
  faces: Set<string>;
}

/** The family names of a font stack (fonts.ts, `fontStack`), in its order. */
function stackNames(stack: FontStack, fonts: CardFonts, fallbacks: readonly FallbackFont[]): Map<FontMetrics, string> {
  const names = new Map<FontMetrics, string>([[stack[0]!, CARD_FONT_FAMILY]]);
  for (const fallback of fallbacks) if (stack.includes(fallback.metrics)) names.set(fallback.metrics, fallback.font.name);
  return names;
}

async function lineOf(line: string, stack: FontStack, names: Map<FontMetrics, string>): Promise<Line> {
  const out: Piece[] = [];
  const faces = new Set<string>();
  let run = "";
  for (const { segment } of graphemeSegmenter.segment(line)) {
    if (drawsAsText(stack, segment)) {
      if (!/^\s$/u.test(segment)) faces.add(names.get(fontFor(stack, segment.codePointAt(0)!)!)!);
      run += segment;
      continue;
    }
    const file = twemojiFile(segment);
    // The layout keeps only emoji with an image (card-template.ts, `drawable`).
    if (!file) throw new Error(`no Twemoji image for ${JSON.stringify(segment)}`);
    if (run) out.push({ text: run });
    run = "";
    out.push({ emoji: await emojiImage(file) });
  }
  if (run) out.push({ text: run });
  return { pieces: out, faces };
}

interface Row {
  line: string;
  size: number;
  weight: CardFontWeight;
  colour: string;
  /** Top of the line box. */
  top: number;
  lineHeight: number;
}

/**
 * One row of text, placed as satori places it: the line box `size ×
 * lineHeight` high with the content area centred in it (CSS half-leading)
 * and the baseline below its ascent, where the content area spans the
 * largest ascent and descent of the fonts that draw the line (Noto Sans JP's
 * are taller than Inter's, so a line with kanji sits a little lower); an
 * emoji a square 1 em wide centred on the same content area.
 */
function drawRow(ctx: SKRSContext2D, row: Row, line: Line, font: string): void {
  let ascent = 0;
  let descent = 0;
  for (const face of line.faces.size ? line.faces : [CARD_FONT_FAMILY]) {
    ctx.font = `${row.weight} ${row.size}px ${JSON.stringify(face)}`;
    const metrics = ctx.measureText("");
    ascent = Math.max(ascent, metrics.fontBoundingBoxAscent);
    descent = Math.max(descent, metrics.fontBoundingBoxDescent);
  }
  ctx.font = `${row.weight} ${row.size}px ${font}`;
  ctx.fillStyle = row.colour;
  const contentHeight = ascent + descent;
  const contentTop = row.top + (row.size * row.lineHeight - contentHeight) / 2;
  let x = CARD_LAYOUT.padding;
  for (const piece of line.pieces) {
    if ("text" in piece) {
      ctx.fillText(piece.text, x, contentTop + ascent);
      x += ctx.measureText(piece.text).width;
    } else {
      ctx.drawImage(piece.emoji, x, contentTop + (contentHeight - row.size) / 2, row.size, row.size);
      x += row.size;
    }
  }
}

/** The rows of a card, top to bottom: satori's column with `justify-content: space-between` (the label block at the top, the meta row at the bottom, the title centred between them), placed by arithmetic. */
function rowsOf(content: CardContent): Row[] {
  const { padding, rule, labelSize, metaSize, titleLineHeight, rowLineHeight } = CARD_LAYOUT;
  const labelTop = padding + rule.height + rule.gap;
  const labelBottom = labelTop + labelSize * rowLineHeight;
  const metaTop = CARD_HEIGHT - padding - metaSize * rowLineHeight;
  const { fontSize, lines } = content.title;
  const titleTop = labelBottom + (metaTop - labelBottom - lines.length * fontSize * titleLineHeight) / 2;
  return [
    { line: content.label, size: labelSize, weight: 700, colour: CARD_COLOURS.label, top: labelTop, lineHeight: rowLineHeight },
    ...lines.map((line, i): Row => ({ line, size: fontSize, weight: 700, colour: CARD_COLOURS.title, top: titleTop + i * fontSize * titleLineHeight, lineHeight: titleLineHeight })),
    { line: content.meta, size: metaSize, weight: 400, colour: CARD_COLOURS.meta, top: metaTop, lineHeight: rowLineHeight },
  ];
}

let canvas: Canvas | undefined;

/**
 * Draws one card to PNG bytes. The emoji images are loaded first (the only
 * asynchronous step), then the card is drawn and encoded without yielding, so
 * the one canvas per thread, reused since every card paints all of it, is
 * never shared by two cards at once.
 */
export async function renderCardPngCanvas(content: CardContent, fonts: CardFonts = loadCardFonts()): Promise<Buffer> {
  const fallbacks = cardFallbackFonts(content);
  const rows = rowsOf(content);
  const drawn = await Promise.all(rows.map((row) => {
    const stack = fontStack(fonts, fallbacks, row.weight);
    return lineOf(row.line, stack, stackNames(stack, fonts, fallbacks));
  }));
  const lists = { 400: fontList(fonts, content, 400), 700: fontList(fonts, content, 700) };

  canvas ??= createCanvas(CARD_WIDTH, CARD_HEIGHT);
  const ctx = canvas.getContext("2d");
  ctx.lang = "en";
  ctx.textBaseline = "alphabetic";
  ctx.textAlign = "left";
  ctx.fillStyle = CARD_COLOURS.background;
  ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
  const { padding, rule } = CARD_LAYOUT;
  ctx.fillStyle = CARD_COLOURS.rule;
  ctx.fillRect(padding, padding, rule.width, rule.height);
  rows.forEach((row, i) => drawRow(ctx, row, drawn[i]!, lists[row.weight]));
  return canvas.encodeSync("png", PNG_OPTIONS);
}

/** What decides this renderer's pixels besides the card and the fonts: part of the cache fingerprint (src/social-cards.ts). */
export function canvasRendererVersion(): Record<string, unknown> {
  return { renderer: CANVAS_PACKAGE, version: (require(`${CANVAS_PACKAGE}/package.json`) as { version: string }).version, png: PNG_OPTIONS };
}
