import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { renderCardPngCanvas } from "../../src/cards/canvas-card.ts";
import { CARD_HEIGHT, CARD_WIDTH, cardElement, layoutPostCard, type CardContent } from "../../src/cards/card-template.ts";
import { loadCardFonts } from "../../src/cards/fonts.ts";
import { renderCardPngSatori, RESVG_OPTIONS, satoriOptions } from "../../src/cards/satori-card.ts";

/**
 * One card, stage by stage, with each renderer on the same cards (issue 21,
 * stage 1): satori's layout (element tree → SVG), resvg's rasterisation and
 * its PNG encoding, against Skia through @napi-rs/canvas (draw + PNG). One
 * thread, the renderers interleaved card by card so a noisy machine slows
 * both alike; medians of CPU time per card.
 *
 *   npx tsx scripts/bench/card-renderers.ts [--cards 200] [--save docs/cards]
 *
 * `--save` writes old-*.png (satori + resvg) and new-*.png (canvas) of four
 * titles side by side, for the README.
 */

const WORDS = "cold start latency measured across three clouds with provisioned concurrency and connection pools".split(" ");
const KANA = "サーバーレスの設計：関数、イベント、そして運用の現実。コールドスタートの測定と改善、本番環境での監視について";
const EMOJI = ["🚀", "🔥", "👩‍💻", "🇯🇵", "#️⃣", "❤️", "👍🏽"];

/** Titles of every kind the layout handles: short, long enough to truncate, Japanese, with emoji, mixed. */
export function variedTitles(count: number): string[] {
  const titles: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = (n: number) => Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(" ");
    switch (i % 5) {
      case 0: titles.push(words(3 + (i % 6))); break;
      case 1: titles.push(words(40).slice(0, 300)); break;
      case 2: titles.push([...KANA].slice(i % 10, 20 + (i % 40)).join("")); break;
      case 3: titles.push(`${words(4)} ${EMOJI[i % EMOJI.length]} ${words(3)} ${EMOJI[(i + 3) % EMOJI.length]}`); break;
      default: titles.push(`${words(5)} ${[...KANA].slice(0, 8).join("")} ${EMOJI[i % EMOJI.length]}`);
    }
  }
  return titles;
}

export const SAMPLE_TITLES = {
  short: "Cold starts, measured",
  long: Array.from({ length: 60 }, (_, i) => WORDS[i % WORDS.length]).join(" ").slice(0, 300),
  cjk: "サーバーレスの設計：関数、イベント、そして運用の現実",
  emoji: "Cold starts 🚀 measured 🔥 across 👩‍💻 with 🇯🇵 東京 regions",
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function timed<T>(samples: number[], work: () => T | Promise<T>): Promise<T> {
  const start = cpuMs();
  const result = await work();
  samples.push(cpuMs() - start);
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cards: { type: "string", default: "200" }, save: { type: "string" } } });
  const fonts = loadCardFonts();
  const card = (title: string) => layoutPostCard({ title, date: "March 18, 2024", tags: ["serverless", "performance"], siteName: "Invisible Servers" }, fonts)!;
  const contents: CardContent[] = variedTitles(Number(values.cards)).map(card);

  // Warm both up (module loading, font parsing) before measuring.
  await renderCardPngSatori(contents[0]!, fonts);
  await renderCardPngCanvas(contents[0]!, fonts);

  const stage = { layout: [] as number[], rasterise: [] as number[], encode: [] as number[], satoriTotal: [] as number[], canvas: [] as number[] };
  const bytes = { satori: 0, canvas: 0 };
  const wallStart = performance.now();
  for (const content of contents) {
    const svg = await timed(stage.layout, () => satori(cardElement(content) as unknown as Parameters<typeof satori>[0], satoriOptions(content, fonts)));
    const image = await timed(stage.rasterise, () => new Resvg(svg, RESVG_OPTIONS).render());
    const png = await timed(stage.encode, () => image.asPng());
    stage.satoriTotal.push(stage.layout.at(-1)! + stage.rasterise.at(-1)! + stage.encode.at(-1)!);
    bytes.satori += png.length;
    bytes.canvas += (await timed(stage.canvas, () => renderCardPngCanvas(content, fonts))).length;
  }
  const kb = (total: number) => Math.round(total / contents.length / 1024);
  console.log(`${contents.length} cards, ${CARD_WIDTH}×${CARD_HEIGHT}, one thread, median CPU ms per card (${((performance.now() - wallStart) / 1000).toFixed(1)} s in all):`);
  console.log(`  satori + resvg: ${median(stage.satoriTotal).toFixed(1)} (layout ${median(stage.layout).toFixed(1)}, rasterise ${median(stage.rasterise).toFixed(1)}, PNG encode ${median(stage.encode).toFixed(1)}), ${kb(bytes.satori)} KB a card`);
  console.log(`  @napi-rs/canvas: ${median(stage.canvas).toFixed(1)} (draw + PNG at zlib level 1, no row filter), ${kb(bytes.canvas)} KB a card`);

  if (values.save) {
    for (const [name, title] of Object.entries(SAMPLE_TITLES)) {
      await writeFile(join(values.save, `old-${name}.png`), await renderCardPngSatori(card(title), fonts));
      await writeFile(join(values.save, `new-${name}.png`), await renderCardPngCanvas(card(title), fonts));
    }
    console.log(`side-by-side cards written to ${values.save}/`);
  }
}

await main();
