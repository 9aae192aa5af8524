import { spawn } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

export interface BuildRun {
  wallSeconds: number;
  /** Largest resident set of any Node process of the build, in MB. */
  peakRssMb: number;
  /** User + system CPU time of the build's Node processes: less disturbed than wall time when other work shares the machine. */
  cpuSeconds: number;
  pagesWritten: number;
}

export interface BuildCommand {
  /** Executable and arguments; run with `cwd` as the site folder. */
  argv: string[];
  cwd: string;
  output: string;
  /**
   * Node flags for the build's Node process, passed on the command line after
   * the executable (node, or tsx, which forwards them): Node 20 refuses
   * --cpu-prof in NODE_OPTIONS.
   */
  nodeFlags?: string[];
}

/**
 * Node reports a process's own peak RSS and CPU time at exit (process.resourceUsage().maxRSS,
 * kilobytes: https://nodejs.org/api/process.html#processresourceusage). The tsx
 * CLI runs Eleventy in a child node process; NODE_OPTIONS reaches both, and the
 * largest figure is the build's peak. (Checked against /usr/bin/time -v, which
 * reports the same largest-process figure: see README, Performance.)
 */
const RSS_REPORTER = `process.on("exit", () => {
  const usage = process.resourceUsage();
  require("node:fs").appendFileSync(process.env.BENCH_RSS_FILE, [process.pid, usage.maxRSS, usage.userCPUTime + usage.systemCPUTime].join(" ") + "\\n");
});
`;

/**
 * Runs one build in a fresh child process, then deletes its output (not
 * timed). `scratch` is a folder for the RSS reporter and its figures.
 */
export async function runBuild(command: BuildCommand, scratch: string): Promise<BuildRun> {
  await rm(command.output, { recursive: true, force: true });
  const reporter = join(scratch, "report-rss.cjs");
  await writeFile(reporter, RSS_REPORTER);
  const rssFile = join(scratch, "rss.txt");
  await rm(rssFile, { force: true });
  const nodeOptions = [process.env.NODE_OPTIONS ?? "", `--require=${reporter}`].join(" ").trim();
  const [executable, ...args] = command.argv;
  args.unshift(...(command.nodeFlags ?? []));
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(executable!, args, {
      cwd: command.cwd,
      env: { ...process.env, NODE_OPTIONS: nodeOptions, BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`Build failed (exit ${code}) in ${command.cwd}: ${command.argv.join(" ")}\n${stderr}`);
  const reports = (await readFile(rssFile, "utf8")).trim().split("\n").map((line) => line.split(" ").map(Number));
  const peakKb = Math.max(0, ...reports.map((report) => report[1]!));
  const cpuMicroseconds = reports.reduce((sum, report) => sum + report[2]!, 0);
  await rm(rssFile, { force: true });
  const pagesWritten = await countHtmlFiles(command.output);
  await rm(command.output, { recursive: true, force: true });
  return { wallSeconds, peakRssMb: peakKb / 1024, cpuSeconds: cpuMicroseconds / 1e6, pagesWritten };
}

export async function countHtmlFiles(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".html")).length;
}
