import { CARD_HEIGHT, CARD_WIDTH, cardElement, cardFallbackFonts, type CardContent } from "./card-template.ts";
import { twemojiDataUri } from "./emoji.ts";
import { loadCardFonts, satoriFontFiles, type CardFonts } from "./fonts.ts";

/**
 * The card as the build drew it before canvas-card.ts: satori lays the
 * element tree out to an SVG with text as paths, resvg rasterises it and
 * encodes the PNG. No longer part of the build; kept as the reference the
 * Skia renderer's design is checked against (tests/unit/social-card.test.ts,
 * docs/cards/) and timed against (scripts/bench/card-renderers.ts). Satori
 * and resvg load on first use.
 */

type SatoriFont = { name: string; weight: 400 | 700; style: "normal"; data: Buffer };
// Satori keeps its parsed fonts per `fonts` array: the same array for the same fonts every time (one per set of Noto Sans JP files), or it re-parses them per card.
const fontLists = new Map<string, SatoriFont[]>();

/** Satori's options for a card. Emoji come from the hook as Twemoji images; fonts never do (satori would add them to a list it shares between cards). */
export function satoriOptions(content: CardContent, fonts: CardFonts = loadCardFonts()) {
  const key = content.fallbackFonts.join("\n");
  let list = fontLists.get(key);
  if (!list) {
    list = satoriFontFiles(fonts, cardFallbackFonts(content)).map(({ name, weight, style, data }) => ({ name, weight, style, data }));
    fontLists.set(key, list);
  }
  return {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: list,
    loadAdditionalAsset: async (code: string, segment: string): Promise<string | []> => (code === "emoji" && twemojiDataUri(segment)) || [],
  };
}

/** resvg's options: satori turns text into paths, so no system fonts (which differ per machine). */
export const RESVG_OPTIONS = { fitTo: { mode: "original" as const }, font: { loadSystemFonts: false } };

/** The card's SVG, laid out by satori. */
export async function cardSvg(content: CardContent, fonts: CardFonts = loadCardFonts()): Promise<string> {
  const { default: satori } = await import("satori");
  return satori(cardElement(content) as unknown as Parameters<typeof satori>[0], satoriOptions(content, fonts));
}

/** The card drawn by satori and resvg, as the build drew it before. */
export async function renderCardPngSatori(content: CardContent, fonts: CardFonts = loadCardFonts()): Promise<Buffer> {
  const { Resvg } = await import("@resvg/resvg-js");
  return new Resvg(await cardSvg(content, fonts), RESVG_OPTIONS).render().asPng();
}
