import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { toHeadersFile } from "../security-headers.ts";

/**
 * Writes `_headers` (Netlify and Cloudflare Pages) into the build from
 * src/security-headers.ts, so the deployed headers never drift from the ones
 * the preview server and the browser tests use.
 */
export function headersPlugin(eleventyConfig: UserConfig): void {
  // https://www.11ty.dev/docs/events/#eleventy.after
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }) => {
    // `npm run check` builds in memory (toJSON): there is no output folder to write to.
    if (outputMode !== "fs") return;
    await writeFile(join(directories.output, "_headers"), toHeadersFile());
  });
}
