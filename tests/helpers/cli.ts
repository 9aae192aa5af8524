import { spawn } from "node:child_process";
import { join } from "node:path";
import { configPath, projectRoot } from "./site.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
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
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The real Eleventy CLI with the real config, as `npm run build` runs it, in a site folder. */
export function runEleventy(cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  // Social cards stay off unless the test is about them (tests/build/sharing.test.ts): drawing them is slow.
  return run([join(projectRoot, "node_modules/@11ty/eleventy/cmd.cjs"), `--config=${configPath}`, ...args], { cwd, env: { SOCIAL_CARDS: "off", ...env } });
}
