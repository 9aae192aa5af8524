import { parentPort } from "node:worker_threads";
import { renderCardPngCanvas } from "./canvas-card.ts";
import type { CardContent } from "./card-template.ts";
import { loadCardFonts } from "./fonts.ts";

/**
 * One thread of the card pool (card-pool.ts): loads the fonts once, then
 * draws the cards it is sent, one at a time, answering each with its PNG or
 * its error.
 */

export interface CardRequest {
  id: number;
  content: CardContent;
}

export type CardReply = { id: number; png: Uint8Array } | { id: number; error: { message: string; stack?: string } };

if (!parentPort) throw new Error("card-worker.ts runs in a worker thread (card-pool.ts)");
const port = parentPort;
const fonts = loadCardFonts();

port.on("message", ({ id, content }: CardRequest) => {
  renderCardPngCanvas(content, fonts).then(
    (png) => port.postMessage({ id, png } satisfies CardReply),
    (error: unknown) => port.postMessage({ id, error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } } satisfies CardReply),
  );
});
