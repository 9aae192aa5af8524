import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { mergeFontMetrics, readFontMetrics, type FontMetrics } from "./font-metrics.ts";

/**
 * The card's typeface: Inter from the @fontsource/inter npm package, read
 * from node_modules at build time (nothing is downloaded). Satori takes TTF,
 * OTF or WOFF, not WOFF2, so the .woff files. Fontsource splits Inter into
 * subsets by script; all of them are loaded, which covers Latin (with
 * Vietnamese), Greek and Cyrillic. Inter has no CJK, emoji or right-to-left
 * scripts: such titles get the site card (src/social-cards.ts).
 */
export const CARD_FONT_FAMILY = "Inter";
export const CARD_FONT_WEIGHTS = [400, 700] as const;
export type CardFontWeight = (typeof CARD_FONT_WEIGHTS)[number];

// Latin first: where subsets overlap (digits, punctuation), satori and the measurement both take the first.
const SUBSETS = ["latin", "latin-ext", "vietnamese", "greek", "greek-ext", "cyrillic", "cyrillic-ext"] as const;

export interface CardFont {
  name: string;
  weight: CardFontWeight;
  style: "normal";
  data: Buffer;
  /** Which file, for error messages and the cache fingerprint. */
  file: string;
}

export interface CardFonts {
  /** Every file, in the order satori should try them. */
  files: CardFont[];
  /** Coverage and widths per weight, every subset merged. */
  metrics: Record<CardFontWeight, FontMetrics>;
}

function fontsourceFolder(): string {
  // LICENSE is one of the few paths the package exports. Resolve it the way Node would, not a path relative to the working directory (fixtures build elsewhere).
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@fontsource/inter/LICENSE")), "files");
}

let loaded: CardFonts | undefined;

/** Reads the font files once per process. */
export function loadCardFonts(): CardFonts {
  if (loaded) return loaded;
  const folder = fontsourceFolder();
  const files: CardFont[] = [];
  const metrics = {} as Record<CardFontWeight, FontMetrics>;
  for (const weight of CARD_FONT_WEIGHTS) {
    const perWeight: FontMetrics[] = [];
    for (const subset of SUBSETS) {
      const file = join(folder, `inter-${subset}-${weight}-normal.woff`);
      const data = readFileSync(file);
      files.push({ name: CARD_FONT_FAMILY, weight, style: "normal", data, file });
      perWeight.push(readFontMetrics(data));
    }
    metrics[weight] = mergeFontMetrics(perWeight);
  }
  loaded = { files, metrics };
  return loaded;
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
