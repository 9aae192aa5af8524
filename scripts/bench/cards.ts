import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import yaml from "js-yaml";
import { createCardPool } from "../../src/cards/card-pool.ts";
import { layoutPostCard, layoutSiteCard } from "../../src/cards/card-template.ts";
import { loadCardFonts } from "../../src/cards/fonts.ts";
import { toReadableDate } from "../../src/dates.ts";
import { site } from "../../src/site.ts";
import { cardEngineFingerprint, cardKey, postCardPath, SITE_CARD_PATH, writeCards, type CardJob } from "../../src/social-cards.ts";
import { buildTags, toPostTagLinks, toTagKey } from "../../src/tags.ts";
import { splitFrontMatter } from "../../src/validate-posts.ts";
import type { Corpus } from "./corpus.ts";

export interface CardsResult {
  /** Cards drawn: one per post whose title Inter can draw, plus the site card. */
  cards: number;
  /** Empty cache: every card drawn in the build's worker pool (src/cards/card-pool.ts), starting the workers included. */
  coldSeconds: number;
  coldMsPerCard: number;
  /** CPU time of the whole process (main thread and workers) per card, cold. */
  coldCpuMsPerCard: number;
  /** Full cache: every card checked and copied, none drawn. */
  warmSeconds: number;
  warmMsPerCard: number;
  /** Size of the cache folder. */
  cacheMb: number;
}

/**
 * The cards a build of `corpus` publishes, laid out as src/plugins/social-cards.ts lays them out
 * (same fonts, tag spelling, date format and keys), so a cache warmed here is the one the build reads.
 */
function cardJobs(corpus: Corpus, outDir: string): CardJob[] {
  const fonts = loadCardFonts();
  const engine = cardEngineFingerprint(fonts);
  const posts = Object.entries(corpus).map(([name, source]) => {
    const data = yaml.load(splitFrontMatter(source).yaml ?? "") as { title: string; date: Date; tags?: unknown };
    return { url: `/posts/${name.replace(/\.md$/, "")}/`, inputPath: `./posts/${name}`, date: new Date(data.date), data };
  });
  const tagIndex = new Map(buildTags(posts).map((tag) => [toTagKey(tag.name), tag]));
  const siteContent = layoutSiteCard(site, fonts);
  const jobs: CardJob[] = [{ content: siteContent, key: cardKey(siteContent, engine), outputFile: join(outDir, SITE_CARD_PATH) }];
  for (const post of posts) {
    const content = layoutPostCard({ title: String(post.data.title), date: toReadableDate(post.date, site.timeZone, site.language), tags: toPostTagLinks(post.data.tags, tagIndex).map((tag) => tag.name), siteName: site.title }, fonts);
    if (!content) continue;
    const key = cardKey(content, engine);
    jobs.push({ content, key, outputFile: join(outDir, postCardPath(post.url, key)) });
  }
  return jobs;
}

async function folderMb(folder: string): Promise<number> {
  let bytes = 0;
  for (const file of await readdir(folder)) bytes += (await stat(join(folder, file))).size;
  return bytes / 1024 / 1024;
}

/** Times publishing every card of the corpus with an empty cache (cold), then again from the cache it filled (warm). */
export async function measureCards(corpus: Corpus, cacheDir: string, outDir: string): Promise<CardsResult> {
  await rm(cacheDir, { recursive: true, force: true });
  const jobs = cardJobs(corpus, outDir);
  // As the plugin draws them: a pool of one worker per core, twice as many cards in flight.
  const pool = createCardPool();
  const options = { cacheDir, render: pool.render, concurrency: 2 * availableParallelism() };
  let started = performance.now();
  const cpu = process.cpuUsage();
  const cold = await writeCards(jobs, options).finally(() => pool.close());
  const coldSeconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  if (cold.rendered !== jobs.length) throw new Error(`cold run drew ${cold.rendered} of ${jobs.length} cards`);
  await rm(outDir, { recursive: true, force: true });
  started = performance.now();
  const warm = await writeCards(jobs, options);
  const warmSeconds = (performance.now() - started) / 1000;
  if (warm.rendered !== 0) throw new Error(`warm run drew ${warm.rendered} cards: the cache was not used`);
  await rm(outDir, { recursive: true, force: true });
  return {
    cards: jobs.length,
    coldSeconds,
    coldMsPerCard: (coldSeconds * 1000) / jobs.length,
    coldCpuMsPerCard: (user + system) / 1000 / jobs.length,
    warmSeconds,
    warmMsPerCard: (warmSeconds * 1000) / jobs.length,
    cacheMb: await folderMb(cacheDir),
  };
}
