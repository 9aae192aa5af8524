import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { mergeFontMetrics, readFontMetrics, type FontMetrics } from "./font-metrics.ts";

/**
 * The card's typefaces, read from node_modules at build time (nothing is
 * downloaded). Satori takes TTF, OTF or WOFF, not WOFF2, so the .woff files.
 *
 * - Inter (@fontsource/inter), every subset, always loaded: Latin (with
 *   Vietnamese), Greek and Cyrillic.
 * - Noto Sans JP (@fontsource/noto-sans-jp) for what Inter lacks: kana, kanji
 *   and the Han characters Chinese shares with Japanese, CJK punctuation and
 *   symbols. Fontsource splits it into ~120 files per weight by unicode-range
 *   (unicode.json); a card loads only the files its text needs, on first use.
 *
 * Emoji are images (src/cards/emoji.ts). Scripts neither font has
 * (Devanagari, Thai, simplified-only Chinese characters…) and right-to-left
 * text get the site card (card-template.ts).
 */
export const CARD_FONT_FAMILY = "Inter";
export const CARD_FONT_WEIGHTS = [400, 700] as const;
export type CardFontWeight = (typeof CARD_FONT_WEIGHTS)[number];

// Latin first: where subsets overlap (digits, punctuation), satori and the measurement both take the first.
const SUBSETS = ["latin", "latin-ext", "vietnamese", "greek", "greek-ext", "cyrillic", "cyrillic-ext"] as const;

export interface CardFont {
  /**
   * The name satori knows the file by. Every file gets its own: satori keeps
   * one file per name and weight (the best weight match), so subsets sharing
   * "Inter" would leave all but the first unused and draw Greek as boxes.
   * Files with their own names are fallbacks, tried in the order given.
   */
  name: string;
  weight: CardFontWeight;
  style: "normal";
  data: Buffer;
  /** Which file, for error messages and the cache fingerprint. */
  file: string;
}

export interface CardFonts {
  /** Inter's files, in the order satori should try them. */
  files: CardFont[];
  /** Inter's coverage and widths per weight, every subset merged. */
  metrics: Record<CardFontWeight, FontMetrics>;
}

const require = createRequire(import.meta.url);

// LICENSE is one of the few paths the packages export. Resolve it the way Node would, not a path relative to the working directory (fixtures build elsewhere).
const filesOf = (pkg: string) => join(dirname(require.resolve(`${pkg}/LICENSE`)), "files");

let loaded: CardFonts | undefined;

/** Reads Inter's files once per process. */
export function loadCardFonts(): CardFonts {
  if (loaded) return loaded;
  const folder = filesOf("@fontsource/inter");
  const files: CardFont[] = [];
  const metrics = {} as Record<CardFontWeight, FontMetrics>;
  for (const weight of CARD_FONT_WEIGHTS) {
    const perWeight: FontMetrics[] = [];
    for (const subset of SUBSETS) {
      const file = join(folder, `inter-${subset}-${weight}-normal.woff`);
      const data = readFileSync(file);
      files.push({ name: subset === "latin" ? CARD_FONT_FAMILY : `${CARD_FONT_FAMILY} ${subset}`, weight, style: "normal", data, file });
      perWeight.push(readFontMetrics(data));
    }
    metrics[weight] = mergeFontMetrics(perWeight);
  }
  loaded = { files, metrics };
  return loaded;
}

export const FALLBACK_FONT_PACKAGE = "@fontsource/noto-sans-jp";
const FALLBACK_FAMILY = "Noto Sans JP";

/** One Noto Sans JP file, loaded. */
export interface FallbackFont {
  font: CardFont;
  metrics: FontMetrics;
  /** Position of its subset in unicode.json: the order satori tries the files in. */
  order: number;
}

interface FallbackSubset {
  /** "119" for "[119]", "latin" for "latin": the part of the file name. */
  id: string;
  order: number;
}

let fallbackSubsets: { byCodePoint: Map<number, FallbackSubset[]>; byId: Map<string, FallbackSubset> } | undefined;

/**
 * Which subsets' unicode-range covers each code point, in unicode.json order.
 * Ranges are only where to look: a few files lack code points their range
 * lists (and the ranges overlap), so the file's own cmap decides.
 */
function fallbackIndex() {
  if (fallbackSubsets) return fallbackSubsets;
  const ranges = JSON.parse(readFileSync(require.resolve(`${FALLBACK_FONT_PACKAGE}/unicode.json`), "utf8")) as Record<string, string>;
  const index = new Map<number, FallbackSubset[]>();
  const byId = new Map<string, FallbackSubset>();
  Object.entries(ranges).forEach(([key, list], order) => {
    const subset = { id: key.replace(/^\[(\d+)\]$/, "$1"), order };
    byId.set(subset.id, subset);
    for (const range of list.split(",")) {
      const match = /^U\+([0-9a-f]+)(?:-([0-9a-f]+))?$/i.exec(range.trim());
      if (!match) continue;
      const first = parseInt(match[1]!, 16);
      const last = match[2] ? parseInt(match[2], 16) : first;
      for (let cp = first; cp <= last; cp++) {
        const list = index.get(cp);
        if (list) list.push(subset);
        else index.set(cp, [subset]);
      }
    }
  });
  fallbackSubsets = { byCodePoint: index, byId };
  return fallbackSubsets;
}

// Kept for the process: the same Buffer every time lets satori reuse the font it parsed (it caches by the data's identity).
const fallbackFonts = new Map<string, FallbackFont>();

function loadFallbackSubset(subset: FallbackSubset, weight: CardFontWeight): FallbackFont {
  const name = `noto-sans-jp-${subset.id}-${weight}-normal.woff`;
  let font = fallbackFonts.get(name);
  if (!font) {
    const file = join(filesOf(FALLBACK_FONT_PACKAGE), name);
    const data = readFileSync(file);
    font = { font: { name: `${FALLBACK_FAMILY} ${subset.id}`, weight, style: "normal", data, file }, metrics: readFontMetrics(data), order: subset.order };
    fallbackFonts.set(name, font);
  }
  return font;
}

/** A Noto Sans JP file by its name (`noto-sans-jp-119-700-normal.woff`), as a card's content lists it. */
export function loadFallbackFont(name: string): FallbackFont {
  const match = /^noto-sans-jp-(.+)-(400|700)-normal\.woff$/.exec(name);
  const subset = match ? fallbackIndex().byId.get(match[1]!) : undefined;
  if (!match || !subset) throw new Error(`not a ${FALLBACK_FONT_PACKAGE} subset file: ${name}`);
  return loadFallbackSubset(subset, Number(match[2]) as CardFontWeight);
}

/** The Noto Sans JP file, at `weight`, that draws code point `cp`: the first whose range lists it and whose cmap has it. */
export function fallbackFontFor(cp: number, weight: CardFontWeight): FallbackFont | undefined {
  for (const subset of fallbackIndex().byCodePoint.get(cp) ?? []) {
    const font = loadFallbackSubset(subset, weight);
    if (font.metrics.advances.has(cp)) return font;
  }
  return undefined;
}

/** The file name a card lists a fallback font under (the cache key holds it, with the package version). */
export const fallbackFileName = (font: FallbackFont) => basename(font.font.file);

/**
 * The fonts satori tries for text at `weight`, in its order: Inter, then each
 * Noto Sans JP subset of the card in unicode.json order, at `weight` when the
 * card loads that weight, else at the weight it does load (satori takes the
 * closest weight a name has:
 * https://developer.mozilla.org/en-US/docs/Web/CSS/font-weight#fallback_weights).
 */
export function fontStack(fonts: CardFonts, fallbacks: readonly FallbackFont[], weight: CardFontWeight): FontMetrics[] {
  const byName = new Map<string, FallbackFont>();
  for (const font of [...fallbacks].sort((a, b) => a.order - b.order)) {
    const other = byName.get(font.font.name);
    if (!other || font.font.weight === weight) byName.set(font.font.name, font);
  }
  return [fonts.metrics[weight], ...[...byName.values()].map((font) => font.metrics)];
}

/** Satori's font list for a card: Inter, then its fallback files in unicode.json order. */
export function satoriFontFiles(fonts: CardFonts, fallbacks: readonly FallbackFont[]): CardFont[] {
  return [...fonts.files, ...[...fallbacks].sort((a, b) => a.order - b.order || a.font.weight - b.font.weight).map((font) => font.font)];
}

/** Width in pixels of `text` at `fontSize`, from advance widths (no kerning: Inter's kerning only tightens, so this errs wide). */
export function measureText(metrics: FontMetrics, text: string, fontSize: number): number {
  let units = 0;
  for (const char of text) units += metrics.advances.get(char.codePointAt(0)!) ?? metrics.unitsPerEm;
  return (units * fontSize) / metrics.unitsPerEm;
}

/** Characters of `text` the font has no glyph for (each once, in order). */
export function missingGlyphs(metrics: FontMetrics, text: string): string[] {
  const missing = new Set<string>();
  for (const char of text) if (!metrics.advances.has(char.codePointAt(0)!)) missing.add(char);
  return [...missing];
}
