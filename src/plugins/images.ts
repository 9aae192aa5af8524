import { resolve } from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import Image, { type ImageOptions } from "@11ty/eleventy-img";
import type MarkdownIt from "markdown-it";
import { PostError } from "../build-status.ts";
import { escapeHtml } from "../html.ts";
import { imageFilePath, locateAuthorFile } from "../author-files.ts";
import { toImageFormats } from "../images.ts";
import { routes, withPathPrefix, withoutPathPrefix } from "../routes.ts";
import { fileLine } from "../post-location.ts";

/** Layout width the images are shown at: the text measure on wide screens, the viewport on narrow ones. */
const SIZES = "(min-width: 48rem) 45rem, 100vw";
const WIDTHS = [800, 1600];

interface RenderEnv {
  page?: { inputPath?: string };
}

/**
 * markdown-it gives lines to blocks only: each image gets the 0-based line of
 * the post's body it is on, from its block's first line and the line breaks
 * before it, so an error names the line itself, however the source is spelled.
 */
function recordImageLines(md: MarkdownIt): void {
  md.core.ruler.push("image_lines", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.map || !block.children) continue;
      let line = block.map[0];
      for (const child of block.children) {
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        else if (child.type === "image") child.meta = { ...(child.meta as object | null), bodyLine: line };
      }
    }
  });
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
    recordImageLines(md);
    const defaultImage = md.renderer.rules.image!;
    md.renderer.rules.image = (tokens, idx, options, env: RenderEnv, self) => {
      const token = tokens[idx]!;
      const src = token.attrGet("src") ?? "";
      const postPath = env?.page?.inputPath;
      // A site-rooted path as it is in public/: the path prefix was put in front of it while Markdown was parsed.
      const filePath = imageFilePath(src);
      const path = filePath === undefined ? undefined : withoutPathPrefix(filePath, eleventyConfig.pathPrefix);
      if (!postPath || path === undefined) return defaultImage(tokens, idx, options, env, self);
      const located = locateAuthorFile(postPath, path, `image "${src}"`);
      if ("problem" in located) throw new PostError(postPath, fileLine(postPath, (token.meta as { bodyLine?: number } | null)?.bodyLine ?? 0), located.problem);
      // A site-rooted image is published from public/ as it is: checked, not optimised.
      if (path.startsWith("/") || path.startsWith("\\")) return defaultImage(tokens, idx, options, env, self);
      const file = located.file;
      const imageOptions: ImageOptions = {
        widths: WIDTHS,
        formats: toImageFormats(Image.ImageSize(file).type ?? ""),
        outputDir: resolve(outputDir, `.${routes.imageFolder}`),
        // Under a path prefix (/blog/), image URLs carry it like every other link.
        urlPath: withPathPrefix(routes.imageFolder, eleventyConfig.pathPrefix),
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
