import { readFileSync } from "node:fs";
import { PostError } from "./build-status.ts";
import { splitFrontMatter } from "./validate-posts.ts";

/** The slice of markdown-it's render env Eleventy fills in: the page being rendered. */
export interface PostEnv {
  page?: { inputPath?: string };
}

/** The post file a render belongs to (`posts/a.md`), or undefined outside Eleventy (a bare `md.render`). */
export function postPath(env: unknown): string | undefined {
  const inputPath = (env as PostEnv | undefined)?.page?.inputPath;
  return typeof inputPath === "string" && inputPath !== "" ? inputPath : undefined;
}

/**
 * `posts/a.md:14`: where a block starts in the author's file. markdown-it's
 * `token.map` counts lines from the start of the body Eleventy hands it, which
 * is the file after its front matter; splitFrontMatter finds that line the way
 * gray-matter (Eleventy's reader) does. Read only when an error is reported.
 */
export function postLocation(env: unknown, bodyLineIndex: number | undefined): string {
  const file = postPath(env);
  const offset = bodyLineIndex ?? 0;
  if (!file) return `line ${offset + 1} of the Markdown`;
  return `${file.replace(/^\.\//, "")}:${fileLine(file, offset)}`;
}

/** The 1-based line in a post's file of a 0-based line of its body. */
export function fileLine(file: string, bodyLineIndex: number): number {
  let bodyLine = 1;
  try {
    bodyLine = splitFrontMatter(readFileSync(file, "utf8")).bodyLine;
  } catch {
    // The file is gone, unreadable or virtual (addTemplate): the body line is the best we know.
  }
  return bodyLine + bodyLineIndex;
}

/**
 * The error for a mistake in a post found while rendering it: a PostError
 * (src/build-status.ts), which the build collects and reports once with every
 * other, at `file:line`. Outside a post (a bare `md.render`), a plain Error.
 */
export function postError(env: unknown, bodyLineIndex: number | undefined, problem: string): Error {
  const file = postPath(env);
  if (!file) return new Error(`${postLocation(env, bodyLineIndex)}: ${problem}`);
  return new PostError(file, fileLine(file, bodyLineIndex ?? 0), problem);
}
