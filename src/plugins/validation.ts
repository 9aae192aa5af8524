import type { UserConfig } from "@11ty/eleventy";
import { removeOutputFolder } from "../output-folder.ts";
import { protectedFolders } from "./clean-output.ts";
import { formatProblems, validatePosts } from "../validate-posts.ts";

/**
 * An author's mistake. The full report is printed once, to stderr, before
 * the build fails: Eleventy logs a thrown error twice (once for the build,
 * once for the CLI), so the error itself carries a one-line summary, and
 * `skipOriginalStack` (read by Eleventy's error handler) hides the stack.
 */
export class AuthoringError extends Error {
  readonly skipOriginalStack = true;
  constructor(
    summary: string,
    /** Every problem, file by file. */
    readonly report: string,
  ) {
    super(summary);
    this.name = "AuthoringError";
  }
}

/** Prints the report and returns the error to throw. */
export function failWith(summary: string, report: string): AuthoringError {
  console.error(`\n${report}\n`);
  return new AuthoringError(summary, report);
}

/**
 * Validates every post's front matter against src/front-matter-schema.ts
 * before Eleventy reads or writes anything, and fails the build with one
 * message listing every bad file.
 */
export function validationPlugin(eleventyConfig: UserConfig): void {
  // https://www.11ty.dev/docs/events/#eleventy.before
  eleventyConfig.on("eleventy.before", async ({ directories, runMode }) => {
    const problems = await validatePosts({ input: directories.input, layouts: directories.layouts ?? directories.includes });
    if (problems.length === 0) return;
    let note = "Nothing was built.";
    if (runMode === "build") {
      note = (await removeOutputFolder(directories.output, protectedFolders(directories))) ? `Nothing was built; ${directories.output} was removed so an old build cannot be deployed by mistake.` : note;
    }
    const files = new Set(problems.map((problem) => problem.file)).size;
    throw failWith(`Front matter problems in ${files === 1 ? "1 post" : `${files} posts`} (listed above). ${note}`, formatProblems(problems));
  });
}
