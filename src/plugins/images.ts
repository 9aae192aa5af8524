import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import Image, { type ImageOptions } from "@11ty/eleventy-img";
import type MarkdownIt from "markdown-it";
import { PostError } from "../build-status.ts";
import { escapeHtml } from "../html.ts";
import { resolveLocalImage, toImageFormats } from "../images.ts";

/** Layout width the images are shown at: the text measure on wide screens, the viewport on narrow ones. */
const SIZES = "(min-width: 48rem) 45rem, 100vw";
const WIDTHS = [800, 1600];
const URL_PATH = "/img/";

interface RenderEnv {
  page?: { inputPath?: string };
}

/** The 1-based line of a post's file where `text` first appears (markdown-it's inline tokens carry no line of their own). */
export function lineOfText(file: string, text: string): number {
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8").split(/\r?\n/);
  } catch {
    return 1; // a virtual template (addTemplate) has no file to read
  }
  return lines.findIndex((line) => line.includes(`](${text}`)) + 1 || lines.findIndex((line) => line.includes(text)) + 1 || 1;
}

/**
 * Markdown images in posts become `<picture>` with AVIF, WebP and the
 * original format, width/height (no layout shift), lazy loading and async
 * decoding, via @11ty/eleventy-img. Instead of the HTML transform plugin,
 * which re-parses every page, the markdown-it image renderer writes the
 * markup from `Image.statsSync` (sizes and URLs, no encoding) and starts the
 * real work, which `eleventy.after` waits for — the synchronous pattern of
 * https://www.11ty.dev/docs/plugins/image/#synchronous-shortcode-usage
 */
export function imagesPlugin(eleventyConfig: UserConfig): void {
  let outputDir = resolve("_site");
  let pending: Array<Promise<Error | undefined>> = [];
  // `npm run check` builds in memory: images are measured but not written.
  let dryRun = false;

  eleventyConfig.on("eleventy.before", ({ directories, outputMode }) => {
    outputDir = resolve(directories.output);
    dryRun = outputMode !== "fs";
    pending = [];
  });

  eleventyConfig.amendLibrary("md", (md: MarkdownIt) => {
    const defaultImage = md.renderer.rules.image!;
    md.renderer.rules.image = (tokens, idx, options, env: RenderEnv, self) => {
      const token = tokens[idx]!;
      const src = token.attrGet("src") ?? "";
      const postPath = env?.page?.inputPath;
      const file = postPath ? resolveLocalImage(src, postPath) : undefined;
      if (!postPath || !file) return defaultImage(tokens, idx, options, env, self);
      if (!existsSync(file)) {
        throw new PostError(postPath, lineOfText(postPath, src), `image "${src}" not found (looked for ${relative(process.cwd(), file)}): put the file next to the post, or fix the path`);
      }
      const imageOptions: ImageOptions = {
        widths: WIDTHS,
        formats: toImageFormats(Image.ImageSize(file).type ?? ""),
        outputDir: resolve(outputDir, `.${URL_PATH}`),
        // Under a path prefix (/blog/), image URLs carry it like every other link.
        urlPath: String(eleventyConfig.getFilter("url")(URL_PATH)),
        svgShortCircuit: true,
        dryRun,
      };
      pending.push(Image(file, imageOptions).then(
        () => undefined,
        (error: unknown) => new Error(`${postPath}: could not optimise image "${src}": ${error instanceof Error ? error.message : String(error)}`),
      ));
      const alt = self.renderInlineAsText(token.children ?? [], options, env);
      const title = token.attrGet("title");
      // Only a title the author wrote: generateHTML would print title="undefined". It escapes `alt`
      // and writes every other attribute as given, so the title is escaped here.
      return Image.generateHTML(Image.statsSync(file, imageOptions), { alt, ...(title ? { title: escapeHtml(title) } : {}), sizes: SIZES, loading: "lazy", decoding: "async" });
    };
  });

  eleventyConfig.on("eleventy.after", async () => {
    const errors = (await Promise.all(pending)).filter((error): error is Error => error !== undefined);
    pending = [];
    if (errors.length) throw new Error(errors.map((error) => error.message).join("\n"));
  });
}
