/**
 * Build benchmark (issue 7): `npm run bench -- --posts 4000 [--runs 3] [--seed 1]
 * [--skip-incremental] [--profile] [--json] [--keep]`.
 *
 * Generates a seeded corpus, builds it with the full blog configuration and
 * with a bare Eleventy configuration (the floor), each build in a fresh child
 * process, and reports medians; then times one edited post under the dev
 * server's incremental mode. Progress goes to stderr, results to stdout.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runBuild, type BuildCommand, type BuildRun } from "./bench/build.ts";
import { generateCorpus, postFileName } from "./bench/corpus.ts";
import { measureIncremental, median, type IncrementalResult } from "./bench/incremental.ts";
import { largestProfile, summariseProfile, type ProfileSummary } from "./bench/profile.ts";
import { BARE_CONFIG_FILE, makeBareSite, makeFullSite } from "./bench/sites.ts";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const eleventyCli = join(projectRoot, "node_modules/@11ty/eleventy/cmd.cjs");
const tsx = join(projectRoot, "node_modules/.bin/tsx");

interface BuildSummary {
  wallSeconds: number;
  msPerPost: number;
  peakRssMb: number;
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
  incremental?: IncrementalResult & { posts: number };
  profile?: { full: ProfileSummary; bare: ProfileSummary };
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
      "skip-incremental": { type: "boolean", default: false },
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
    skipIncremental: values["skip-incremental"],
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
    msPerPost: (wallSeconds * 1000) / posts,
    peakRssMb: median(runs.map((run) => run.peakRssMb)),
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
    `| ${name} | ${s.wallSeconds.toFixed(2)} | ${s.msPerPost.toFixed(2)} | ${s.peakRssMb.toFixed(0)} | ${s.pagesWritten} |`;
  const lines = [
    `${result.posts} posts, seed ${result.seed}, median of ${result.runs} run(s); Node ${result.node}, ${result.cpus} CPUs (${result.cpuModel})`,
    "",
    "| build | wall s | ms/post | peak RSS MB | pages |",
    "|---|---|---|---|---|",
    row("full", result.full),
    row("bare", result.bare),
    "",
    `full/bare: ${result.ratio.toFixed(2)}×`,
  ];
  if (result.incremental) {
    const inc = result.incremental;
    lines.push(
      `incremental (${inc.posts} posts, one post edited, median of ${inc.edits}): ${inc.medianSeconds.toFixed(3)} s from the write to "Wrote" ` +
        `(Eleventy's own figure ${inc.medianEleventySeconds.toFixed(2)} s; files written per rebuild: ${inc.filesWritten.join(", ")})`,
    );
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
  try {
    log(`Generating ${options.posts} posts (seed ${options.seed}) in ${root}`);
    const corpus = generateCorpus({ posts: options.posts, seed: options.seed });
    const full = fullCommand(await makeFullSite(join(root, "full"), projectRoot, corpus));
    const bare = bareCommand(await makeBareSite(join(root, "bare"), corpus));

    const fullRuns: BuildRun[] = [];
    const bareRuns: BuildRun[] = [];
    for (let run = 1; run <= options.runs; run++) {
      // Interleaved, so a slow spell on the machine hits both alike.
      for (const [name, command, runs] of [["full", full, fullRuns], ["bare", bare, bareRuns]] as const) {
        const result = await runBuild(command, root);
        runs.push(result);
        log(`run ${run}/${options.runs} ${name}: ${result.wallSeconds.toFixed(2)} s, ${result.peakRssMb.toFixed(0)} MB, ${result.pagesWritten} pages`);
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
    };
    result.ratio = result.full.wallSeconds / result.bare.wallSeconds;

    if (options.profile) {
      log("Profiling one full and one bare build (node --cpu-prof)");
      result.profile = {
        full: await profileBuild(full, await mkdtemp(join(root, "profile-full-"))),
        bare: await profileBuild(bare, await mkdtemp(join(root, "profile-bare-"))),
      };
    }

    if (!options.skipIncremental) {
      const posts = options.incrementalPosts;
      log(`Incremental rebuild at ${posts} posts`);
      const site = await makeFullSite(join(root, "incremental"), projectRoot, generateCorpus({ posts, seed: options.seed }));
      const edited = postFileName(Math.floor(posts / 2));
      const incremental = await measureIncremental({
        argv: fullCommand(site).argv,
        cwd: site,
        post: join("posts", edited),
        page: join("_site", "posts", edited.replace(/\.md$/, ""), "index.html"),
        edits: Math.max(3, options.runs),
      });
      result.incremental = { ...incremental, posts };
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
