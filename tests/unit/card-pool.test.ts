import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCardPool, type CardPool } from "../../src/cards/card-pool.ts";
import { layoutPostCard, type CardContent } from "../../src/cards/card-template.ts";
import { loadCardFonts } from "../../src/cards/fonts.ts";
import { cardKey, renderCardPng, writeCards, type CardJob } from "../../src/social-cards.ts";

const fonts = loadCardFonts();
const card = (title: string): CardContent => layoutPostCard({ title, date: "March 18, 2024", tags: ["serverless"], siteName: "Invisible Servers" }, fonts)!;
/** Titles of each kind the workers must draw as the main thread does: Latin, long, Japanese, emoji. */
const TITLES = ["Cold starts, measured", "cold start latency ".repeat(16), "サーバーレスの設計：関数、イベント", "Cold starts 🚀 measured 🔥 👩‍💻 🇯🇵", "Κβάντα и Сервер", "東京 regions #️⃣ ❤️ 👍🏽"];

describe("the card pool (worker threads)", () => {
  let pool: CardPool;
  let dir: string;
  beforeAll(async () => {
    pool = createCardPool({ size: 2 });
    dir = await mkdtemp(join(tmpdir(), "card-pool-"));
  });
  afterAll(async () => {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("draws every card, more cards than workers, each the same bytes as drawn on the main thread", async () => {
    const contents = [...TITLES, ...TITLES].map(card);
    const drawn = await Promise.all(contents.map((content) => pool.render(content)));
    for (const [i, content] of contents.entries()) expect(drawn[i]!.equals(await renderCardPng(content)), TITLES[i % TITLES.length]).toBe(true);
  });

  test("a card that fails is reported with its post and its error; the other cards are still published", async () => {
    const good = TITLES.map((title, i): CardJob => ({ content: card(title), key: cardKey(card(title)), outputFile: join(dir, `out/${i}.png`), source: `./posts/good-${i}.md` }));
    // A card naming a font file that does not exist: the worker's renderer throws.
    const brokenContent = { ...card("Broken"), fallbackFonts: ["noto-sans-jp-999-700-normal.woff"] };
    const broken: CardJob = { content: brokenContent, key: cardKey(brokenContent), outputFile: join(dir, "out/broken.png"), source: "./posts/broken.md" };
    const failure = await writeCards([...good.slice(0, 3), broken, ...good.slice(3)], { cacheDir: join(dir, "cache"), render: (content) => pool.render(content) }).then(() => undefined, (error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure!.message).toContain("./posts/broken.md: could not draw its social card");
    expect(failure!.message).toContain("not a @fontsource/noto-sans-jp subset file: noto-sans-jp-999-700-normal.woff");
    expect(failure!.message.split("\n")).toHaveLength(1);
    for (const job of good) expect((await readFile(job.outputFile)).equals(await renderCardPng(job.content)), job.source).toBe(true);
    expect(existsSync(broken.outputFile)).toBe(false);
  });

  test("a worker that dies fails the card it held, and a new worker draws the next ones", async () => {
    const crashing = createCardPool({ size: 1, workerModule: new URL("../fixtures/card-worker-crash.ts", import.meta.url) });
    try {
      const ok = card("Fine");
      await expect(crashing.render({ ...ok, label: "crash" })).rejects.toThrow(/exit code 3/);
      expect([...(await crashing.render(ok))]).toEqual([1, 2, 3]);
      const [first, second] = await Promise.allSettled([crashing.render({ ...ok, label: "crash" }), crashing.render(ok)]);
      expect(first.status).toBe("rejected");
      expect(second.status === "fulfilled" && [...second.value]).toEqual([1, 2, 3]);
    } finally {
      await crashing.close();
    }
  });

  test("a closed pool draws nothing", async () => {
    const closed = createCardPool({ size: 1 });
    await closed.close();
    await expect(closed.render(card("Late"))).rejects.toThrow(/closed/);
  });
});
