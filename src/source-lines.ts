import { readFileSync } from "node:fs";
import { splitFrontMatter } from "./validate-posts.ts";

/**
 * The file line of a line in a post's body. Eleventy hands markdown-it the
 * body without its front matter, so a token's `map` counts from the first
 * body line; authors need the line in the file. Read only when something is
 * reported, never on the hot path.
 */
export function fileLine(inputPath: string, bodyLineIndex: number): number {
  try {
    return splitFrontMatter(readFileSync(inputPath, "utf8")).bodyLine + bodyLineIndex;
  } catch {
    return bodyLineIndex + 1;
  }
}
