import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { canvasRendererVersion, renderCardPngCanvas } from "./cards/canvas-card.ts";
import { CARD_HEIGHT, CARD_WIDTH, type CardContent } from "./cards/card-template.ts";
import { EMOJI_PACKAGE } from "./cards/emoji.ts";
import { FALLBACK_FONT_PACKAGE, loadCardFonts, type CardFonts } from "./cards/fonts.ts";
import { isIntactPng } from "./cards/png.ts";

/**
 * Social cards: the 1200×630 PNG a post shows when it is shared (OpenGraph
 * `og:image`, feeds), drawn at build time from what the card shows (src/cards/)
 * with Skia (src/cards/canvas-card.ts), in a pool of worker threads during
 * the build (src/cards/card-pool.ts). Drawing is deterministic and the PNG has
 * no time stamp or other metadata, so the same card is the same bytes on every
 * run on one machine. Drawing costs about 5 ms of CPU per card; every card is
 * kept in a cache folder under a key of everything that decides its pixels,
 * so a build only draws cards it has never drawn and copies the rest.
 */

/** An image a page is shared with, as the head and the feeds print it. */
export interface SocialImage {
  /** Site path, without the path prefix (made absolute with `toAbsoluteUrl`). */
  url: string;
  width: number;
  height: number;
  type: "image/png" | "image/jpeg";
  alt: string;
  /** `card`: drawn for the post; `image`: the post's own `image:`; `site`: the site card, the fallback. */
  kind: "card" | "image" | "site";
}

/** The one card every page without its own gets (home, tags, about…), and any post whose title a card cannot draw. */
export const SITE_CARD_PATH = "/social-card.png";

/**
 * Where a post's card is published: under /social-cards/, named for the
 * post's URL plus a short hash of the card, so a changed title gets a new
 * image URL (sites that show shared links cache images by URL, some for weeks).
 */
export function postCardPath(pageUrl: string, key: string): string {
  const name = pageUrl.replace(/^\/+|\/+$/g, "").replace(/\.html$/, "") || "index";
  return `/social-cards/${name}.${key.slice(0, 10)}.png`;
}

const require = createRequire(import.meta.url);
const versionOf = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;

// Changing how a card is drawn changes these files (the design, the fitting rule, which font or image draws what): their text is part of every key, so no stale card survives an edit.
const TEMPLATE_SOURCES = ["./cards/card-template.ts", "./cards/text-fit.ts", "./cards/font-metrics.ts", "./cards/fonts.ts", "./cards/emoji.ts", "./cards/canvas-card.ts"];

let fingerprint: string | undefined;

/**
 * What decides a card's pixels besides its content: the template's and the
 * renderer's code, Inter's files, the @napi-rs/canvas version (Skia) and the
 * PNG settings, and the versions of Noto Sans JP and Twemoji (a card's content names the Noto Sans
 * JP files it uses; its emoji are in its text). Computed once per process.
 */
export function cardEngineFingerprint(fonts: CardFonts = loadCardFonts()): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256");
  for (const source of TEMPLATE_SOURCES) hash.update(readFileSync(fileURLToPath(new URL(source, import.meta.url))));
  for (const font of fonts.files) hash.update(`${font.weight}\0`).update(font.data);
  hash.update(JSON.stringify({ renderer: canvasRendererVersion(), fallbackFonts: versionOf(FALLBACK_FONT_PACKAGE), emoji: versionOf(EMOJI_PACKAGE) }));
  fingerprint = hash.digest("hex");
  return fingerprint;
}

/** The cache key of a card: a hash of what it shows and of the engine that draws it. */
export function cardKey(content: CardContent, engine: string = cardEngineFingerprint()): string {
  return createHash("sha256").update(engine).update(JSON.stringify(content)).digest("hex");
}

/** Draws one card on this thread (the build draws in worker threads: src/cards/card-pool.ts). */
export function renderCardPng(content: CardContent, fonts: CardFonts = loadCardFonts()): Promise<Buffer> {
  return renderCardPngCanvas(content, fonts);
}

/** One card to publish. */
export interface CardJob {
  content: CardContent;
  key: string;
  /** Absolute path in the output folder. */
  outputFile: string;
  /** The post the card is for (its input path), named when the card cannot be drawn. */
  source?: string;
}

export interface WriteCardsOptions {
  /** Folder of cached cards, `<key>.png`. */
  cacheDir: string;
  /** Cards drawn at once; default: one per core. */
  concurrency?: number;
  /** Draws a card: the build's pool (src/cards/card-pool.ts), or a test that counts calls; default `renderCardPng` on this thread. */
  render?: (content: CardContent) => Promise<Buffer>;
}

export interface WriteCardsResult {
  rendered: number;
  fromCache: number;
}

/** A cached card if it is whole; a damaged or cut-short file counts as absent and is drawn again. */
async function readCached(file: string): Promise<Buffer | undefined> {
  try {
    const bytes = await readFile(file);
    return isIntactPng(bytes, CARD_WIDTH, CARD_HEIGHT) ? bytes : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes through a temporary name: a build stopped mid-write, or two builds at once, never leave half a file under the real name. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

/**
 * Publishes every job's card: copied from the cache when it is there and
 * whole, drawn and cached otherwise. A card that cannot be drawn does not stop
 * the others; the cards that failed are reported together, each with its post.
 */
export async function writeCards(jobs: readonly CardJob[], options: WriteCardsOptions): Promise<WriteCardsResult> {
  const render = options.render ?? ((content: CardContent) => renderCardPng(content));
  const result: WriteCardsResult = { rendered: 0, fromCache: 0 };
  const failures: string[] = [];
  let next = 0;
  const publish = async (job: CardJob) => {
    const cacheFile = join(options.cacheDir, `${job.key}.png`);
    let bytes = await readCached(cacheFile);
    if (bytes) result.fromCache++;
    else {
      try {
        bytes = await render(job.content);
      } catch (error) {
        failures.push(`${job.source ?? job.outputFile}: could not draw its social card ("${job.content.title.lines.join(" ")}"): ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      result.rendered++;
      await writeAtomically(cacheFile, bytes);
    }
    await mkdir(dirname(job.outputFile), { recursive: true });
    await writeFile(job.outputFile, bytes);
  };
  const worker = async () => {
    while (next < jobs.length) await publish(jobs[next++]!);
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), jobs.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failures.length) throw new Error(failures.join("\n"));
  return result;
}
