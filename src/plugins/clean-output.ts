import type { UserConfig } from "@11ty/eleventy";
import { clearFailure } from "../build-status.ts";
import { rmSync, rmdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { protectedFolders, removeOutputFolder } from "../output-folder.ts";

/**
 * The output folder holds what this build writes, and nothing older. Eleventy
 * only ever adds and overwrites files, so without this a post that became a
 * draft, was deleted or renamed keeps its old page in `_site/`, where the dev
 * server serves it and Pagefind, which indexes the whole folder, finds it.
 * A production build starts from an empty folder. `npm start` (serve/watch)
 * empties it for its first build, then after each rebuild removes what
 * Eleventy wrote before (pages, feeds, copied files) and did not write again,
 * so unchanged images and cards are not redrawn on every save. `npm run
 * check` (toJSON) writes nothing and is left alone. The folder is only touched
 * when `isDedicatedOutputFolder` says it is safely the build's own (never the
 * project, a source folder or home).
 * https://www.11ty.dev/docs/events/#eleventy.before
 */
export function cleanOutputPlugin(eleventyConfig: UserConfig): void {
  let output = "";
  let written = new Set<string>();
  eleventyConfig.on("eleventy.before", async ({ directories, runMode, outputMode }) => {
    clearFailure();
    if (outputMode !== "fs") return;
    output = resolve(directories.output);
    written = new Set();
    if (runMode === "build" || !servedOutputs().has(output)) await removeOutputFolder(directories.output, protectedFolders(directories));
    if (runMode !== "build" && !servedOutputs().has(output)) servedOutputs().set(output, new Set());
  });
  // Every file Eleventy writes, as it writes it, so that files of a build that failed half-way are known too.
  eleventyConfig.addTransform("record-written-file", function (content, outputPath) {
    if (outputPath) remember(output, written, resolve(outputPath));
    return content;
  });
  eleventyConfig.on("eleventy.passthrough", ({ map }: { map: Record<string, string> }) => {
    for (const url of Object.keys(map)) remember(output, written, join(output, decodeURI(url)));
  });
  eleventyConfig.on("eleventy.after", ({ runMode, outputMode, incremental }) => {
    const known = servedOutputs().get(output);
    // `--incremental` writes only what changed: what it did not write is not stale.
    if (runMode === "build" || outputMode !== "fs" || incremental || !known) return;
    // Synchronously, before the dev server reloads the browser.
    removeStaleFiles(output, [...known].filter((file) => !written.has(file)));
    servedOutputs().set(output, written);
  });
}

const SERVED_OUTPUTS = Symbol.for("blog.servedOutputs");

/**
 * Under `npm start`, for each output folder, the files Eleventy wrote there
 * since it was emptied. Kept on `globalThis`: a config reset (a saved config
 * or source file) imports this module again, and starting over would empty
 * the folder while eleventy-img, whose memory cache outlives the reset, would
 * not write its images again.
 */
function servedOutputs(): Map<string, Set<string>> {
  const store = globalThis as { [SERVED_OUTPUTS]?: Map<string, Set<string>> };
  return (store[SERVED_OUTPUTS] ??= new Map());
}

function remember(output: string, written: Set<string>, file: string): void {
  written.add(file);
  servedOutputs().get(output)?.add(file);
}

/** Removes files, then the folders they leave empty, up to the output folder. */
function removeStaleFiles(output: string, files: readonly string[]): void {
  for (const file of files) {
    if (!isInside(file, output)) continue;
    rmSync(file, { force: true });
    for (let folder = dirname(file); isInside(folder, output) && folder !== output; folder = dirname(folder)) {
      try {
        rmdirSync(folder);
      } catch {
        break; // not empty
      }
    }
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}
