import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CardContent } from "./card-template.ts";
import type { CardReply, CardRequest } from "./card-worker.ts";

/**
 * A pool of worker threads that draw cards (card-worker.ts), one per core by
 * default, so cards are drawn on every core while the main thread goes on
 * with Eleventy's rendering. Workers start on the first card (a build whose
 * cards are all cached starts none), load the fonts once each, and hold the
 * process open only while a card is being drawn.
 */
export interface CardPool {
  /** The card's PNG; rejects with the worker's error. */
  render(content: CardContent): Promise<Buffer>;
  /** Stops the workers; cards still queued are rejected. */
  close(): Promise<void>;
}

export interface CardPoolOptions {
  /** Worker threads; default one per core (`os.availableParallelism()`). */
  size?: number;
  /** The worker's module (tests give one that fails); default card-worker.ts. */
  workerModule?: URL;
}

interface Job {
  id: number;
  content: CardContent;
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

const BOOTSTRAP = new URL("./card-worker-bootstrap.mjs", import.meta.url);

export function createCardPool(options: CardPoolOptions = {}): CardPool {
  const size = Math.max(1, options.size ?? availableParallelism());
  const workerModule = (options.workerModule ?? new URL("./card-worker.ts", import.meta.url)).href;
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const dispatch = (slot: Slot) => {
    const job = queue.shift();
    slot.job = job;
    // An idle worker must not keep a finished build's process alive; a busy one must, or Node could exit with cards still awaited.
    if (!job) return void slot.worker.unref();
    slot.worker.ref();
    slot.worker.postMessage({ id: job.id, content: job.content } satisfies CardRequest);
  };

  const spawn = (): Slot => {
    // execArgv: []: the worker registers tsx itself (the bootstrap), the same under `tsx` and under vitest, instead of inheriting whichever loader flags the parent had.
    const slot: Slot = { worker: new Worker(BOOTSTRAP, { workerData: { module: workerModule }, execArgv: [] }) };
    slot.worker.on("message", (reply: CardReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      if ("png" in reply) job.resolve(Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength));
      else job.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
      dispatch(slot);
    });
    // A worker that dies (a crash, an import that fails) fails the card it held, and a fresh one takes its place.
    const fail = (error: Error) => {
      const index = slots.indexOf(slot);
      if (index === -1) return;
      slots.splice(index, 1);
      slot.job?.reject(error);
      slot.job = undefined;
      if (!closed && queue.length) dispatch(spawnSlot());
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => fail(new Error(`card worker stopped (exit code ${code})`)));
    return slot;
  };

  const spawnSlot = () => {
    const slot = spawn();
    slots.push(slot);
    return slot;
  };

  return {
    render(content) {
      if (closed) return Promise.reject(new Error("the card pool is closed"));
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ id: nextId++, content, resolve, reject });
        const idle = slots.find((slot) => !slot.job);
        if (idle) dispatch(idle);
        else if (slots.length < size) dispatch(spawnSlot());
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("the card pool is closed"));
      const stopping = slots.splice(0);
      for (const slot of stopping) slot.job?.reject(new Error("the card pool is closed"));
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}
