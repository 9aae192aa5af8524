import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { configPath, projectRoot } from "./site.ts";

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface DevServer {
  port: number;
  url(path: string): string;
  /** Everything Eleventy has printed so far, stdout and stderr. */
  log(): string;
  /**
   * Makes `edit`, then waits until Eleventy has logged each of `files` as
   * changed, added or deleted and has finished rebuilding after the last of
   * them ("Watching…" is printed once no saved file is waiting).
   */
  rebuildAfter(files: readonly string[], edit: () => Promise<unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** Generous: only there so that a rebuild that never comes fails the test instead of hanging it. */
const SAFETY_TIMEOUT = 60_000;

/** `npm start` in a site folder: the real CLI with `--serve` on 127.0.0.1 and a free port. */
export async function startDevServer(cwd: string, env: NodeJS.ProcessEnv = {}): Promise<DevServer> {
  const port = await freePort();
  const child = spawn(join(projectRoot, "node_modules/.bin/tsx"), [join(projectRoot, "node_modules/@11ty/eleventy/cmd.cjs"), `--config=${configPath}`, "--serve", `--port=${port}`], {
    cwd,
    env: { ...process.env, SEARCH_INDEX: "off", SOCIAL_CARDS: "off", BLOG_HOST: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const waiters = new Set<() => void>();
  const onOutput = (chunk: Buffer) => {
    log += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout!.on("data", onOutput);
  child.stderr!.on("data", onOutput);
  child.on("exit", () => {
    for (const check of waiters) check();
  });

  /** Resolves when `condition` holds for the log, checked on every line Eleventy prints. */
  const waitForLog = (condition: (log: string) => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`Timed out waiting for ${what}. Eleventy printed:\n${log}`)), SAFETY_TIMEOUT);
      const done = (error?: Error) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (condition(log)) done();
        else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`Eleventy exited while waiting for ${what}:\n${log}`));
      };
      waiters.add(check);
      check();
    });

  await waitForLog((text) => text.includes("Server at"), "the dev server to listen");
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    log: () => log,
    async rebuildAfter(files, edit) {
      const start = log.length;
      await edit();
      await waitForLog((text) => {
        const seen = files.map((file) => Math.max(...["changed", "added", "deleted"].map((event) => text.indexOf(`File ${event}: ./${file}`, start))));
        return seen.every((at) => at >= 0) && text.indexOf("Watching…", Math.max(...seen)) >= 0;
      }, `a rebuild after ${files.join(", ")}`);
    },
    stop: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill();
  });
}
