import { spawn } from "node:child_process";
import { join } from "node:path";
import { configPath, projectRoot } from "./site.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  /** What the command printed on stderr, without Eleventy's timing notes (see `withoutTimingNotes`). */
  stderr: string;
}

/**
 * Eleventy prints "[11ty] Benchmark 88ms 13% … (Configuration) …" on stderr
 * whenever one step takes more than 8% of a build, which on a busy machine
 * can be any step: a test that wants stderr empty would then depend on
 * timing. Those notes are dropped; every other line is kept.
 */
export function withoutTimingNotes(stderr: string): string {
  const plain = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, "");
  return stderr
    .split(/(?<=\n)/)
    .filter((line) => !plain(line).startsWith("[11ty] Benchmark"))
    .join("");
}

/** Runs a command with the project's tsx, from `cwd`, and collects its output. */
export function run(command: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(projectRoot, "node_modules/.bin/tsx"), command, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr: withoutTimingNotes(stderr) }));
  });
}

/** The real Eleventy CLI with the real config, as `npm run build` runs it, in a site folder. */
export function runEleventy(cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  // Social cards stay off unless the test is about them (tests/build/sharing.test.ts): drawing them is slow.
  return run([join(projectRoot, "node_modules/@11ty/eleventy/cmd.cjs"), `--config=${configPath}`, ...args], { cwd, env: { SOCIAL_CARDS: "off", ...env } });
}
