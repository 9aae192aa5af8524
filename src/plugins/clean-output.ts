import type { BeforeEventArgs, UserConfig } from "@11ty/eleventy";
import { removeOutputFolder, type ProtectedFolders } from "../output-folder.ts";

/** The folders `isDedicatedOutputFolder` protects, from Eleventy's event arguments. */
export function protectedFolders(directories: BeforeEventArgs["directories"]): ProtectedFolders {
  return { cwd: process.cwd(), input: directories.input, includes: directories.includes, data: directories.data, layouts: directories.layouts };
}

/**
 * A production build starts from an empty output folder. Eleventy only ever
 * adds and overwrites files, so without this a post that became a draft or
 * was deleted keeps its old page in `_site/`, and Pagefind, which indexes the
 * whole folder, keeps it searchable. `npm start` (serve/watch) stays
 * incremental, and `npm run check` (toJSON) writes nothing, so both are left
 * alone. The folder is only emptied when `isDedicatedOutputFolder` says it is
 * safely the build's own (never the project, a source folder or home).
 * https://www.11ty.dev/docs/events/#eleventy.before
 */
export function cleanOutputPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.on("eleventy.before", async ({ directories, runMode, outputMode }) => {
    if (runMode !== "build" || outputMode !== "fs") return;
    await removeOutputFolder(directories.output, protectedFolders(directories));
  });
}
