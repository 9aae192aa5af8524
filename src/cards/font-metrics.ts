import { inflateSync } from "node:zlib";

/**
 * What the card layout needs from a font: which characters it has glyphs for
 * and how wide each one is. Satori draws text but cannot say whether it
 * overflowed or which characters it had no glyph for, so the card measures
 * titles itself with the font's own tables. Read straight from a WOFF 1.0
 * file (https://www.w3.org/TR/WOFF/: an sfnt whose tables may be zlib
 * compressed); only `head`, `hhea`, `hmtx` and `cmap` are parsed
 * (https://learn.microsoft.com/typography/opentype/spec/).
 */
export interface FontMetrics {
  unitsPerEm: number;
  /** Advance width in font units, by Unicode code point, for every character with a glyph. */
  advances: Map<number, number>;
}

function readTables(woff: Uint8Array): Map<string, DataView> {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error("not a WOFF 1.0 file (no wOFF signature)");
  const tables = new Map<string, DataView>();
  const count = view.getUint16(12);
  for (let i = 0; i < count; i++) {
    const entry = 44 + i * 20;
    const tag = String.fromCharCode(woff[entry]!, woff[entry + 1]!, woff[entry + 2]!, woff[entry + 3]!);
    const offset = view.getUint32(entry + 4);
    const compressed = view.getUint32(entry + 8);
    const original = view.getUint32(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    // A table is stored compressed only when that made it smaller (WOFF §5).
    const bytes = compressed < original ? inflateSync(raw) : raw;
    tables.set(tag, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return tables;
}

/** Code point → glyph id from the best Unicode subtable: format 12 (full range) if present, else format 4 (BMP). */
function readCmap(cmap: DataView): Map<number, number> {
  const subtables = new Map<number, number>();
  const count = cmap.getUint16(2);
  for (let i = 0; i < count; i++) {
    const platform = cmap.getUint16(4 + i * 8);
    const encoding = cmap.getUint16(6 + i * 8);
    const offset = cmap.getUint32(8 + i * 8);
    // Unicode platform, or Windows Unicode BMP (1) / full repertoire (10).
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) subtables.set(cmap.getUint16(offset), offset);
  }
  const glyphs = new Map<number, number>();
  const format12 = subtables.get(12);
  if (format12 !== undefined) {
    const groups = cmap.getUint32(format12 + 12);
    for (let g = 0; g < groups; g++) {
      const at = format12 + 16 + g * 12;
      const start = cmap.getUint32(at);
      const end = cmap.getUint32(at + 4);
      const glyph = cmap.getUint32(at + 8);
      for (let cp = start; cp <= end; cp++) glyphs.set(cp, glyph + cp - start);
    }
    return glyphs;
  }
  const at = subtables.get(4);
  if (at === undefined) throw new Error("font has no Unicode cmap subtable (format 4 or 12)");
  const segments = cmap.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = cmap.getUint16(ends + s * 2);
    const start = cmap.getUint16(starts + s * 2);
    const delta = cmap.getInt16(deltas + s * 2);
    const rangeOffset = cmap.getUint16(rangeOffsets + s * 2);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        // idRangeOffset is relative to its own position in the array (the spec's pointer arithmetic).
        const glyphAt = rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2;
        const raw = cmap.getUint16(glyphAt);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) glyphs.set(cp, glyph);
    }
  }
  return glyphs;
}

/** Parses a WOFF 1.0 font's character coverage and advance widths. */
export function readFontMetrics(woff: Uint8Array): FontMetrics {
  const tables = readTables(woff);
  const need = (tag: string): DataView => {
    const table = tables.get(tag);
    if (!table) throw new Error(`font has no ${tag} table`);
    return table;
  };
  const unitsPerEm = need("head").getUint16(18);
  const metricCount = need("hhea").getUint16(34);
  const hmtx = need("hmtx");
  // Glyphs past numberOfHMetrics share the last advance width (monospaced tails).
  const advanceOf = (glyph: number) => hmtx.getUint16(Math.min(glyph, metricCount - 1) * 4);
  const advances = new Map<number, number>();
  for (const [cp, glyph] of readCmap(need("cmap"))) advances.set(cp, advanceOf(glyph));
  return { unitsPerEm, advances };
}

/** Several subset files of one face (Latin, Latin Extended, Cyrillic, …) as one: the first file with a glyph wins, as in satori. */
export function mergeFontMetrics(fonts: readonly FontMetrics[]): FontMetrics {
  const advances = new Map<number, number>();
  const unitsPerEm = fonts[0]?.unitsPerEm ?? 1000;
  for (const font of fonts) {
    const scale = unitsPerEm / font.unitsPerEm;
    for (const [cp, advance] of font.advances) if (!advances.has(cp)) advances.set(cp, advance * scale);
  }
  return { unitsPerEm, advances };
}

/**
 * Fonts in the order satori tries them for a run of text: a grapheme is drawn
 * with the first font that has a glyph for its first character
 * (satori/src/font.ts, `splitByFont`), so the layout measures it with that
 * font too: Inter for Latin, Noto Sans JP for kana and kanji.
 */
export type FontStack = readonly FontMetrics[];

/** The font of `stack` that draws code point `cp`, or undefined when none has it. */
export function fontFor(stack: FontStack, cp: number): FontMetrics | undefined {
  return stack.find((font) => font.advances.has(cp));
}

/**
 * Whether satori draws the grapheme as text (a font has its first character,
 * and no U+FE0F or keycap asks for the emoji): satori's `engine.has`. A
 * grapheme it does not draw as text it draws as an image, if it gets one.
 */
export function drawsAsText(stack: FontStack, grapheme: string): boolean {
  return !/[\uFE0F\u20E3]/u.test(grapheme) && fontFor(stack, grapheme.codePointAt(0)!) !== undefined;
}

const graphemeSegmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Width in pixels of `text` at `fontSize`, from advance widths (no kerning:
 * it only tightens, so this errs wide). Each grapheme is measured in the font
 * that draws it; a white space keeps the font of the character before it when
 * that font has it (satori's rule); a grapheme no font draws is an image,
 * 1 em wide (an emoji: satori draws it `fontSize` wide).
 */
export function measureStack(stack: FontStack, text: string, fontSize: number): number {
  let width = 0;
  let previous: FontMetrics | undefined;
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (!drawsAsText(stack, segment)) {
      width += fontSize;
      previous = undefined;
      continue;
    }
    const first = segment.codePointAt(0)!;
    const font = /^\s$/u.test(segment) && previous?.advances.has(first) ? previous : fontFor(stack, first)!;
    let units = 0;
    for (const char of segment) units += font.advances.get(char.codePointAt(0)!) ?? font.unitsPerEm;
    width += (units * fontSize) / font.unitsPerEm;
    previous = font;
  }
  return width;
}
