/**
 * Build benchmark (issue 7): `npm run bench -- --posts 4000 [--runs 3] [--seed 1]
 * [--skip-incremental] [--incremental-posts 1000] [--edits 3] [--cards] [--profile] [--json] [--keep]`.
 *
 * Generates a seeded corpus, builds it with the full blog configuration and
 * with a bare Eleventy configuration (the floor), each build in a fresh child
 * process, and reports medians; then times one edited post under the dev
 * server's incremental mode. Progress goes to stderr, results to stdout.
 *
 * Social cards: with `--cards`, first times drawing every post's card with an
 * empty cache (cold) and copying them all from that cache (warm), into the
 * full site's own `.cache/cards`, so the timed full builds then run with a
 * warm cache, as a blog's builds do after its first. Without `--cards` the
 * builds run with SOCIAL_CARDS=off (a cold first run would skew the medians).
 */
import { rmSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runBuild, type BuildCommand, type BuildRun } from "./bench/build.ts";
import { generateCorpus, postFileName } from "./bench/corpus.ts";
import { measureCards, type CardsResult } from "./bench/cards.ts";
import { measureIncremental, median, type IncrementalResult } from "./bench/incremental.ts";
import { largestProfile, summariseProfile, type ProfileSummary } from "./bench/profile.ts";
import { BARE_CONFIG_FILE, makeBareSite, makeFullSite } from "./bench/sites.ts";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const eleventyCli = join(projectRoot, "node_modules/@11ty/eleventy/cmd.cjs");
const tsx = join(projectRoot, "node_modules/.bin/tsx");

interface BuildSummary {
  /** Median wall time, the figure quoted. */
  wallSeconds: number;
  /** Fastest run: the least disturbed by other work on a shared machine. */
  bestWallSeconds: number;
  msPerPost: number;
  peakRssMb: number;
  /** Median CPU seconds (user + system). */
  cpuSeconds: number;
  pagesWritten: number;
  runs: BuildRun[];
}

export interface BenchResult {
  posts: number;
  runs: number;
  seed: number;
  node: string;
  cpus: number;
  cpuModel: string;
  full: BuildSummary;
  bare: BuildSummary;
  /** full wall time / bare wall time (medians). */
  ratio: number;
  /** The same ratio for the fastest runs. */
  bestRatio: number;
  /** 1-minute load average before and after the builds: above the CPU count, other work competed. */
  loadAverage: { before: number; after: number };
  /** One edited post rebuilt by the dev server, for the full site and the bare floor. */
  incremental?: { posts: number; full: IncrementalResult; bare: IncrementalResult };
  profile?: { full: ProfileSummary; bare: ProfileSummary };
  /** Social cards drawn cold and copied warm (`--cards`); absent when the builds ran with SOCIAL_CARDS=off. */
  cards?: CardsResult;
}

function positiveInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a positive integer, got "${value}"`);
  return number;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      posts: { type: "string", default: "1000" },
      runs: { type: "string", default: "3" },
      seed: { type: "string", default: "1" },
      "incremental-posts": { type: "string", default: "1000" },
      edits: { type: "string", default: "3" },
      "skip-incremental": { type: "boolean", default: false },
      cards: { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
    },
    strict: true,
  });
  return {
    posts: positiveInteger(values.posts, "--posts"),
    runs: positiveInteger(values.runs, "--runs"),
    seed: Number.isInteger(Number(values.seed)) ? Number(values.seed) : (() => { throw new Error(`--seed must be an integer, got "${values.seed}"`); })(),
    incrementalPosts: positiveInteger(values["incremental-posts"], "--incremental-posts"),
    edits: positiveInteger(values.edits, "--edits"),
    skipIncremental: values["skip-incremental"],
    cards: values.cards,
    profile: values.profile,
    json: values.json,
    keep: values.keep,
  };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

function fullCommand(site: string): BuildCommand {
  // As `npm run build` runs it, and as tests/helpers/cli.ts does.
  return { argv: [tsx, eleventyCli, `--config=${join(projectRoot, "eleventy.config.ts")}`, "--quiet"], cwd: site, output: join(site, "_site") };
}

function bareCommand(site: string): BuildCommand {
  // Plain node: the floor needs no TypeScript loader.
  return { argv: [process.execPath, eleventyCli, `--config=${BARE_CONFIG_FILE}`, "--quiet"], cwd: site, output: join(site, "_site") };
}

function summarise(runs: BuildRun[], posts: number): BuildSummary {
  const wallSeconds = median(runs.map((run) => run.wallSeconds));
  return {
    wallSeconds,
    bestWallSeconds: Math.min(...runs.map((run) => run.wallSeconds)),
    msPerPost: (wallSeconds * 1000) / posts,
    peakRssMb: median(runs.map((run) => run.peakRssMb)),
    cpuSeconds: median(runs.map((run) => run.cpuSeconds)),
    pagesWritten: Math.min(...runs.map((run) => run.pagesWritten)),
    runs,
  };
}

async function profileBuild(command: BuildCommand, folder: string): Promise<ProfileSummary> {
  await runBuild({ ...command, nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${folder}`] }, folder);
  return summariseProfile(await largestProfile(folder), projectRoot);
}

function formatReport(result: BenchResult): string {
  const row = (name: string, s: BuildSummary) =>
    `| ${name} | ${s.wallSeconds.toFixed(2)} | ${s.bestWallSeconds.toFixed(2)} | ${s.msPerPost.toFixed(2)} | ${s.cpuSeconds.toFixed(2)} | ${s.peakRssMb.toFixed(0)} | ${s.pagesWritten} |`;
  const lines = [
    `${result.posts} posts, seed ${result.seed}, median of ${result.runs} run(s); Node ${result.node}, ${result.cpus} CPUs (${result.cpuModel})`,
    "",
    "| build | wall s (median) | wall s (best) | ms/post | CPU s | peak RSS MB | pages |",
    "|---|---|---|---|---|---|---|",
    row("full", result.full),
    row("bare", result.bare),
    "",
    `full/bare: ${result.ratio.toFixed(2)}× (best runs: ${result.bestRatio.toFixed(2)}×)`,
  ];
  const { before, after } = result.loadAverage;
  if (Math.max(before, after) > result.cpus) {
    lines.push(`warning: load average ${before.toFixed(1)} → ${after.toFixed(1)} on ${result.cpus} CPUs: other work competed, figures are noisy`);
  }
  if (result.cards) {
    const c = result.cards;
    lines.push(
      "",
      `Social cards (${c.cards}: one per post + the site card; cache ${c.cacheMb.toFixed(1)} MB):`,
      `  cold (empty cache, worker pool, Skia): ${c.coldSeconds.toFixed(2)} s, ${c.coldMsPerCard.toFixed(1)} ms/card`,
      `  cold CPU: ${c.coldCpuMsPerCard.toFixed(1)} ms/card`,
      `  warm (all from the cache, copied): ${c.warmSeconds.toFixed(2)} s, ${c.warmMsPerCard.toFixed(2)} ms/card`,
      "  the full builds above ran with this warm cache",
    );
  } else {
    lines.push("", "Social cards: off in these builds (SOCIAL_CARDS=off); --cards measures them");
  }
  if (result.incremental) {
    lines.push("", `Incremental rebuild of one edited post at ${result.incremental.posts} posts (dev server, --incremental):`);
    for (const side of ["full", "bare"] as const) {
      const inc = result.incremental[side];
      lines.push(
        `  ${side}: ${inc.medianSeconds.toFixed(3)} s from the write to "Wrote" (median of ${inc.edits}; Eleventy's own figure ` +
          `${inc.medianEleventySeconds.toFixed(2)} s; files written per rebuild: ${inc.filesWritten.join(", ")})`,
      );
    }
  }
  if (result.profile) {
    for (const side of ["full", "bare"] as const) {
      const p = result.profile[side];
      lines.push("", `CPU profile, ${side} build (self time, ${(p.totalMs / 1000).toFixed(1)} s sampled):`);
      for (const { area, ms } of p.byArea) lines.push(`  ${(ms / 1000).toFixed(2).padStart(6)} s  ${area}`);
      lines.push("  top functions:");
      for (const { fn, area, ms } of p.byFunction) lines.push(`  ${(ms / 1000).toFixed(2).padStart(6)} s  ${fn}  [${area}]`);
    }
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = readOptions();
  const root = await mkdtemp(join(tmpdir(), "blog-bench-"));
  // Ctrl-C mid-run still removes the corpus (the dev server is ended by its own exit hook).
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (!options.keep) rmSync(root, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    log(`Generating ${options.posts} posts (seed ${options.seed}) in ${root}`);
    const corpus = generateCorpus({ posts: options.posts, seed: options.seed });
    const full = fullCommand(await makeFullSite(join(root, "full"), projectRoot, corpus));
    const bare = bareCommand(await makeBareSite(join(root, "bare"), corpus));
    // Child builds inherit the environment.
    if (!options.cards) process.env.SOCIAL_CARDS = "off";
    let cards: CardsResult | undefined;
    if (options.cards) {
      log(`Social cards for ${options.posts} posts: cold, then warm`);
      cards = await measureCards(corpus, join(full.cwd, ".cache", "cards"), join(root, "cards-output"));
      log(`cards: cold ${cards.coldSeconds.toFixed(2)} s, warm ${cards.warmSeconds.toFixed(2)} s (${cards.cards} cards)`);
    }

    const loadBefore = loadavg()[0]!;
    const fullRuns: BuildRun[] = [];
    const bareRuns: BuildRun[] = [];
    for (let run = 1; run <= options.runs; run++) {
      // Interleaved, so a slow spell on the machine hits both alike.
      for (const [name, command, runs] of [["full", full, fullRuns], ["bare", bare, bareRuns]] as const) {
        const result = await runBuild(command, root);
        runs.push(result);
        log(`run ${run}/${options.runs} ${name}: ${result.wallSeconds.toFixed(2)} s, ${result.cpuSeconds.toFixed(2)} CPU s, ${result.peakRssMb.toFixed(0)} MB, ${result.pagesWritten} pages`);
      }
    }
    const result: BenchResult = {
      posts: options.posts,
      runs: options.runs,
      seed: options.seed,
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? "unknown",
      full: summarise(fullRuns, options.posts),
      bare: summarise(bareRuns, options.posts),
      ratio: 0,
      bestRatio: 0,
      loadAverage: { before: loadBefore, after: loadavg()[0]! },
      ...(cards ? { cards } : {}),
    };
    result.ratio = result.full.wallSeconds / result.bare.wallSeconds;
    result.bestRatio = result.full.bestWallSeconds / result.bare.bestWallSeconds;

    if (options.profile) {
      log("Profiling one full and one bare build (node --cpu-prof)");
      result.profile = {
        full: await profileBuild(full, await mkdtemp(join(root, "profile-full-"))),
        bare: await profileBuild(bare, await mkdtemp(join(root, "profile-bare-"))),
      };
    }

    if (!options.skipIncremental) {
      const posts = options.incrementalPosts;
      const incrementalCorpus = generateCorpus({ posts, seed: options.seed });
      const edited = postFileName(Math.floor(posts / 2));
      const measure = async (command: BuildCommand, page: string) => {
        log(`Incremental rebuild at ${posts} posts: ${command.cwd}`);
        return measureIncremental({ argv: command.argv, cwd: command.cwd, post: join("posts", edited), page: join("_site", page), edits: options.edits });
      };
      const slug = edited.replace(/\.md$/, "");
      const incrementalFull = await makeFullSite(join(root, "incremental-full"), projectRoot, incrementalCorpus);
      // The dev server's first build would draw every card: start it from the warm cache of the same corpus, or without cards.
      if (options.cards && posts === options.posts) await cp(join(full.cwd, ".cache"), join(incrementalFull, ".cache"), { recursive: true });
      else process.env.SOCIAL_CARDS = "off";
      result.incremental = {
        posts,
        full: await measure(fullCommand(incrementalFull), join("posts", slug, "index.html")),
        bare: await measure(bareCommand(await makeBareSite(join(root, "incremental-bare"), incrementalCorpus)), join("posts", slug, "index.html")),
      };
    }

    process.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : formatReport(result)}\n`);
  } finally {
    if (options.keep) log(`Kept ${root}`);
    else await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
