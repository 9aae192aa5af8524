import { spawn, type ChildProcess } from "node:child_process";
import { appendFile, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

export interface IncrementalResult {
  /** Median time from writing the edited post to Eleventy's "Wrote N files" line, in seconds. */
  medianSeconds: number;
  /** Median of Eleventy's own figure on that line ("in X seconds"). */
  medianEleventySeconds: number;
  /** Files written by each rebuild. */
  filesWritten: number[];
  edits: number;
}

export interface IncrementalOptions {
  /** Command that runs the Eleventy CLI with the full config; serve flags are appended. */
  argv: string[];
  cwd: string;
  /** The post to edit, relative to cwd, and its output page. */
  post: string;
  page: string;
  edits: number;
  timeoutMs?: number;
}

// Eleventy logs this after every build, even with --quiet (Eleventy.js logFinished, `force: true`).
const WROTE = /Wrote (\d+) files? .*?in ([\d.]+) seconds?/;
const ANSI = /\u001b\[[0-9;]*m/g;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Lines of the server's output, awaited one matching line at a time. */
function lineWaiter(child: ChildProcess) {
  const lines: string[] = [];
  let waiting: (() => void) | undefined;
  let exited = false;
  let buffer = "";
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts.map((line) => line.replace(ANSI, "")));
    waiting?.();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  child.on("exit", () => {
    exited = true;
    waiting?.();
  });
  let cursor = 0;
  return {
    output: () => lines.join("\n"),
    async next(pattern: RegExp, timeoutMs: number): Promise<{ match: RegExpExecArray; at: number }> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        while (cursor < lines.length) {
          const match = pattern.exec(lines[cursor++]!);
          if (match) return { match, at: performance.now() };
        }
        if (exited) throw new Error(`The dev server exited before logging ${pattern}:\n${lines.join("\n")}`);
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`Timed out waiting for ${pattern}:\n${lines.join("\n")}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiting = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        waiting = undefined;
      }
    },
  };
}

/** Ends the whole process group (tsx runs Eleventy in a child process), then makes sure. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  killGroup("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), sleep(3000).then(() => true)]);
  if (timedOut) killGroup("SIGKILL");
  await exited;
  // Anything left in the group (a grandchild that ignored SIGTERM) goes too.
  killGroup("SIGKILL");
}

/**
 * Starts the dev server in incremental mode, waits for the first build, then
 * edits one post `edits` times and times each rebuild from the write to the
 * log line. https://www.11ty.dev/docs/usage/incremental/
 */
export async function measureIncremental(options: IncrementalOptions): Promise<IncrementalResult> {
  const port = await freePort();
  const [executable, ...args] = options.argv;
  const child = spawn(executable!, [...args, "--serve", "--incremental", `--port=${port}`], {
    cwd: options.cwd,
    // Its own process group, so stop() reaches the node process tsx spawns.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", killOnExit);
  const timeoutMs = options.timeoutMs ?? 180_000;
  try {
    const lines = lineWaiter(child);
    await lines.next(WROTE, timeoutMs);
    await lines.next(/Watching/, timeoutMs);
    // Let the watcher finish its initial scan before the first edit.
    await sleep(1500);
    const seconds: number[] = [];
    const eleventySeconds: number[] = [];
    const filesWritten: number[] = [];
    for (let edit = 1; edit <= options.edits; edit++) {
      const marker = `bench-edit-${edit}-${Date.now()}`;
      const started = performance.now();
      await appendFile(join(options.cwd, options.post), `\nEdited by the benchmark: ${marker}.\n`);
      const { match, at } = await lines.next(WROTE, 30_000);
      seconds.push((at - started) / 1000);
      filesWritten.push(Number(match[1]));
      eleventySeconds.push(Number(match[2]));
      const html = await readFile(join(options.cwd, options.page), "utf8");
      if (!html.includes(marker)) throw new Error(`The rebuild did not update ${options.page} with the edit ${marker}`);
      await sleep(1000);
    }
    return { medianSeconds: median(seconds), medianEleventySeconds: median(eleventySeconds), filesWritten, edits: options.edits };
  } finally {
    await stop(child);
    process.removeListener("exit", killOnExit);
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
