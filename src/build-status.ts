/**
 * How a failed build looks, in one place. Every failure an author can cause
 * prints once, as a report of `file:line  field or link → what is wrong and
 * the fix`, with a one-line summary and no stack trace (`DEBUG=Eleventy*`
 * shows it). Under `npm start` the last failure is kept here so that the dev
 * server can show it in the browser until a build succeeds.
 */
import type { BeforeEventArgs } from "@11ty/eleventy";
import { resolve } from "node:path";
import { isDedicatedOutputFolder, protectedFolders, removeOutputFolderSync } from "./output-folder.ts";

/** A mistake in one post, found while rendering it (a missing image, TeX that does not parse…). */
export class PostError extends Error {
  constructor(
    /** The post, as Eleventy names it: `./posts/a.md`. */
    readonly file: string,
    /** 1-based line in the file. */
    readonly line: number,
    /** What is wrong and the fix. */
    readonly problem: string,
  ) {
    super(`${file}:${line}  ${problem}`);
    this.name = "PostError";
  }
}

/**
 * An author's mistake, already reported. Eleventy logs a thrown error once
 * for the build and once more for the CLI; this one carries the flag with
 * which Eleventy's error handler skips the first (`__errorAlreadyLogged`,
 * src/Errors/EleventyErrorHandler.js `once`) and `skipOriginalStack`, so the
 * CLI prints the one-line summary once, after the report, without a stack.
 */
export class AuthoringError extends Error {
  readonly skipOriginalStack = true;
  constructor(
    summary: string,
    /** Every problem, file by file. */
    readonly report: string,
    /** The problems found in posts while rendering, for tools that list them (`npm run check`). */
    readonly postErrors: readonly PostError[] = [],
  ) {
    super(summary);
    this.name = "AuthoringError";
    Object.defineProperty(this, "__errorAlreadyLogged", { value: true });
  }
}

interface Failure {
  summary: string;
  report: string;
}

let lastFailure: Failure | undefined;
let printReports = true;

/** `npm run check` lists the problems itself, as findings. */
export function setReportPrinting(print: boolean): void {
  printReports = print;
}

/** Whether warnings and reports go to the console (not while `npm run check` collects them). */
export function reportsArePrinted(): boolean {
  return printReports;
}

/** Prints the report, remembers it for the dev server, and returns the error to throw. */
export function failWith(summary: string, report: string, postErrors: readonly PostError[] = []): AuthoringError {
  if (printReports) console.error(`\n${report}\n`);
  lastFailure = { summary, report };
  return new AuthoringError(summary, report, postErrors);
}

/** A build starts: its predecessor's failure no longer stands. */
export function clearFailure(): void {
  lastFailure = undefined;
}

/** The failure of the last build, if it failed through `failWith`. */
export function currentFailure(): Failure | undefined {
  return lastFailure;
}

/** The report for post errors found while rendering, grouped by post. */
export function formatPostErrors(errors: readonly PostError[]): string {
  const byFile = new Map<string, PostError[]>();
  for (const error of errors) byFile.set(error.file, [...(byFile.get(error.file) ?? []), error]);
  const count = byFile.size === 1 ? "1 post" : `${byFile.size} posts`;
  const blocks = [...byFile].map(([file, list]) => [file, ...list.sort((a, b) => a.line - b.line).map((error) => `  ${error.file}:${error.line}  ${error.problem}`)].join("\n"));
  return `Problems in ${count}:\n\n${blocks.join("\n\n")}`;
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
