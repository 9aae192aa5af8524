import type { UserConfig } from "@11ty/eleventy";
import { protectedFolders, removeOutputFolder } from "../output-folder.ts";
import { failWith } from "../build-status.ts";
import { formatProblems, validatePosts } from "../validate-posts.ts";

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
