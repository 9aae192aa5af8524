import type { BeforeEventArgs, UserConfig } from "@11ty/eleventy";
import { clearFailure, failWith, type AuthoringError, type PostError } from "../build-status.ts";
import { resolve } from "node:path";
import { isDedicatedOutputFolder, removeOutputFolder, removeOutputFolderSync, type ProtectedFolders } from "../output-folder.ts";

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
    clearFailure();
    if (runMode !== "build" || outputMode !== "fs") return;
    await removeOutputFolder(directories.output, protectedFolders(directories));
  });
}

/**
 * Fails a build whatever failed: prints the report once, and in a production
 * build removes the output folder, so that neither this broken build nor an
 * older one can be deployed by mistake. Under `npm start` the pages stay and
 * the dev server shows the failure (src/plugins/dev-server.ts).
 */
export async function failBuild(summary: string, report: string, event: Pick<BeforeEventArgs, "directories" | "runMode">, postErrors: readonly PostError[] = []): Promise<AuthoringError> {
  let note = "";
  const folders = protectedFolders(event.directories);
  if (event.runMode === "build" && isDedicatedOutputFolder(event.directories.output, folders)) {
    note = ` ${event.directories.output} is removed so that no broken or old build can be deployed.`;
    // Removed when the process ends, not now: other eleventy.after work of this build (Eleventy runs
    // those handlers together: images, cards, headers) may still be writing into the folder.
    const output = resolve(folders.cwd, event.directories.output);
    process.once("exit", () => removeOutputFolderSync(output, folders));
  }
  return failWith(`${summary}${note}`, report, postErrors);
}
