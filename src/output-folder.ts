import type { BeforeEventArgs } from "@11ty/eleventy";
import { existsSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join, parse, relative, resolve } from "node:path";

/** Folders a failed build must never delete: the project, its sources, and anything above them. */
export interface ProtectedFolders {
  cwd: string;
  input: string;
  includes: string;
  data: string;
  layouts?: string;
}

/** The folders `isDedicatedOutputFolder` protects, from Eleventy's event arguments. */
export function protectedFolders(directories: BeforeEventArgs["directories"]): ProtectedFolders {
  return { cwd: process.cwd(), input: directories.input, includes: directories.includes, data: directories.data, layouts: directories.layouts };
}

function isSameOrInside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path === "" || (!path.startsWith("..") && !isAbsolute(path));
}

/**
 * True when `output` is safely a folder of its own that only the build writes
 * to: not the file system root or home, not the project or input folder (or a
 * parent of either), not inside a source folder, and not a project root itself.
 */
export function isDedicatedOutputFolder(output: string, folders: ProtectedFolders): boolean {
  const out = resolve(folders.cwd, output);
  if (out === parse(out).root || out === resolve(homedir())) return false;
  const input = resolve(folders.cwd, folders.input);
  const contentFolders = ["posts", "pages", "public"].map((name) => join(input, name));
  const sources = [folders.input, folders.includes, folders.data, folders.layouts].filter((f): f is string => Boolean(f)).map((f) => resolve(folders.cwd, f));
  if (contentFolders.some((folder) => isSameOrInside(out, folder))) return false;
  if (isSameOrInside(resolve(folders.cwd), out)) return false;
  for (const source of sources) {
    if (isSameOrInside(source, out)) return false;
    // Inside the input folder is fine (`_site/` in `.`); inside includes or data is not.
    if (source !== input && isSameOrInside(out, source)) return false;
  }
  // Not "posts": a built site has a posts/ folder too.
  return !["package.json", ".git", "eleventy.config.ts"].some((marker) => existsSync(join(out, marker)));
}

/**
 * After a failed build, removes the output folder so that a previous build
 * cannot be mistaken for (or deployed as) the result of this one. Returns
 * whether it did; a folder that is not safely dedicated is left alone.
 */
export async function removeOutputFolder(output: string, folders: ProtectedFolders): Promise<boolean> {
  if (!existsSync(resolve(folders.cwd, output)) || !isDedicatedOutputFolder(output, folders)) return false;
  // Retries: a file still being written inside makes rmdir fail with ENOTEMPTY once.
  await rm(resolve(folders.cwd, output), { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  return true;
}

/** The same, synchronously, for a process `exit` handler. */
export function removeOutputFolderSync(output: string, folders: ProtectedFolders): void {
  if (existsSync(resolve(folders.cwd, output)) && isDedicatedOutputFolder(output, folders)) rmSync(resolve(folders.cwd, output), { recursive: true, force: true, maxRetries: 5 });
}
