/**
 * A bare Eleventy for plugin tests, in the style of eleventy-plugin-rss's
 * tests: no config file, no site, only the plugin under test and the
 * templates a test adds with `addTemplate`. It runs in an empty temporary
 * folder (Eleventy reads its input and config from the working directory),
 * in memory (`toJSON()`), or written into that folder for the few plugins
 * that act on written output.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Eleventy, { type UserConfig } from "@11ty/eleventy";
import { createBuildIndex, type BuildIndex } from "../../src/build-index.ts";

export interface BarePage {
  url: string | false;
  inputPath: string;
  outputPath: string | false;
  content: string;
}

export interface BareOptions {
  pathPrefix?: string;
  /** Eleventy's run mode (`build` unless set): `serve` and `watch` are `npm start`. */
  runMode?: "build" | "serve" | "watch";
}

/** The site fields the post-showing plugins need, as in src/site.ts. */
export const testSite = { url: "https://blog.example.com", timeZone: "UTC", language: "en" };

/** Post front matter as posts/posts.json completes it: tagged `posts`. */
export function post(title: string, date: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { tags = [], ...rest } = extra as { tags?: string[] };
  return { title, date, tags: ["posts", ...tags], ...rest };
}

type Configure = (eleventyConfig: UserConfig, index: BuildIndex) => void;

async function inTemporaryFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), "bare-eleventy-"));
  const previous = process.cwd();
  process.chdir(folder);
  try {
    return await work(folder);
  } finally {
    process.chdir(previous);
    await rm(folder, { recursive: true, force: true });
  }
}

function create(configure: Configure, options: BareOptions): Eleventy {
  return new Eleventy(".", "_site", {
    quietMode: true,
    ...(options.pathPrefix ? { pathPrefix: options.pathPrefix } : {}),
    ...(options.runMode ? { runMode: options.runMode } : {}),
    config: (eleventyConfig: UserConfig) => configure(eleventyConfig, createBuildIndex(eleventyConfig, testSite)),
  } as ConstructorParameters<typeof Eleventy>[2]);
}

/** Builds in memory: every page with its URL and rendered content, sorted by input path. */
export function buildInMemory(configure: Configure, options: BareOptions = {}): Promise<BarePage[]> {
  return inTemporaryFolder(async () => {
    const pages = (await create(configure, options).toJSON()) as BarePage[];
    return pages.sort((a, b) => a.inputPath.localeCompare(b.inputPath));
  });
}

/** One page's content, by URL. */
export function pageAt(pages: readonly BarePage[], url: string): string {
  const page = pages.find((each) => each.url === url);
  if (!page) throw new Error(`no page at ${url}: ${pages.map((each) => each.url).join(", ")}`);
  return page.content;
}

/**
 * Builds into `_site/` of a temporary folder (the working directory while
 * `inspect` runs), then removes it. `prepare` writes files the build reads.
 */
export function buildToFolder<T>(configure: Configure, inspect: (folder: string, error: unknown) => Promise<T>, options: BareOptions & { prepare?: (folder: string) => Promise<void> } = {}): Promise<T> {
  return inTemporaryFolder(async (folder) => {
    await options.prepare?.(folder);
    let error: unknown;
    try {
      await create(configure, options).write();
    } catch (thrown) {
      error = thrown;
    }
    return inspect(folder, error);
  });
}
