import { mkdtemp, mkdir, readFile, rm, symlink, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Eleventy from "@11ty/eleventy";
import { parseHTML } from "linkedom";
import type { SiteData } from "../../src/site.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const configPath = join(projectRoot, "eleventy.config.ts");

export interface BuiltSite {
  input: string;
  output: string;
  /** Text of a built file, by its path under the output folder. */
  read(path: string): Promise<string>;
  /** A built HTML page parsed into a DOM document. */
  page(path: string): Promise<Document>;
  /** Every file written, relative to the output folder. */
  files(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export interface FixtureOptions {
  /** Markdown files under posts/, by file name. When omitted, the real posts are used. */
  posts?: Record<string, string>;
  /** Extra files anywhere in the input folder, by relative path (text, or bytes for images). */
  files?: Record<string, string | Uint8Array>;
  runMode?: "build" | "serve" | "watch";
  pathPrefix?: string;
  /** Build the Pagefind search index too (slower; off unless a test searches): sets SEARCH_INDEX for the build. */
  searchIndex?: boolean;
  /** Draw a social card per post (slower; off unless a test is about cards): sets SOCIAL_CARDS for the build. The site card is drawn either way. */
  socialCards?: boolean;
  /**
   * Fields of `site` as templates see it (global data), e.g. a title with `&`, as
   * a fork of the blog would write in src/site.ts. Filters written in TypeScript
   * keep reading src/site.ts.
   */
  site?: Partial<Omit<SiteData, "searchIndex">>;
  /** Environment variables the configuration reads (e.g. BLOG_INCLUDE_SCHEDULED), set for the build only. */
  env?: Record<string, string>;
  /** Where to make the site folder (it must not exist yet); a new folder in the system temp dir when omitted. */
  folder?: string;
}

/**
 * A site folder in the system temp dir made of the real layouts, pages and
 * posts/ directory data, plus the fixture's posts.
 */
export async function makeFixture(options: FixtureOptions = {}): Promise<string> {
  const input = options.folder ?? (await mkdtemp(join(tmpdir(), "blog-fixture-")));
  if (options.folder) await mkdir(input);
  for (const shared of ["_includes", "pages", "public"]) {
    await symlink(join(projectRoot, shared), join(input, shared));
  }
  await mkdir(join(input, "posts"));
  const posts = options.posts ?? (await readRealPosts());
  await writeFile(join(input, "posts", "posts.json"), await readFile(join(projectRoot, "posts", "posts.json")));
  for (const [name, text] of Object.entries({ ...prefixed("posts", posts), ...(options.files ?? {}) })) {
    await mkdir(dirname(join(input, name)), { recursive: true });
    await writeFile(join(input, name), text);
  }
  return input;
}

function prefixed<T>(folder: string, files: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text]));
}

export async function readRealPosts(): Promise<Record<string, string>> {
  const names = (await readdir(join(projectRoot, "posts"))).filter((name) => name.endsWith(".md"));
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(projectRoot, "posts", name), "utf8")] as const)));
}

/**
 * Builds a fixture (or the real posts) with the real configuration, in
 * process. Eleventy runs from inside the fixture folder, as it would in a
 * real project: it resolves directory data relative to the working directory.
 */
export async function buildSite(options: FixtureOptions = {}): Promise<BuiltSite> {
  const input = await makeFixture(options);
  const previous = process.cwd();
  const env: Record<string, string> = { SEARCH_INDEX: options.searchIndex ? "on" : "off", SOCIAL_CARDS: options.socialCards ? "on" : "off", ...options.env };
  const previousEnv = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  process.chdir(input);
  try {
    const eleventy = new Eleventy(".", "_site", {
      quietMode: true,
      configPath: options.site ? await writeSiteOverrideConfig(input, options.site) : configPath,
      runMode: options.runMode ?? "build",
      ...(options.pathPrefix ? { pathPrefix: options.pathPrefix } : {}),
    });
    await eleventy.write();
  } finally {
    process.chdir(previous);
    for (const [name, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return builtSite(input, join(input, "_site"));
}

/**
 * A config file in the fixture that runs the real one, then replaces the `site`
 * global data with a copy carrying the overrides.
 */
async function writeSiteOverrideConfig(input: string, overrides: Partial<SiteData>): Promise<string> {
  const path = join(input, "eleventy.fixture-config.mjs");
  const configUrl = JSON.stringify(pathToFileURL(configPath).href);
  const siteUrl = JSON.stringify(pathToFileURL(join(projectRoot, "src/site.ts")).href);
  await writeFile(path, [
    `import blog from ${configUrl};`,
    `import { site } from ${siteUrl};`,
    `export { config } from ${configUrl};`,
    `export default function (eleventyConfig) {`,
    `  blog(eleventyConfig);`,
    // A function, not an object: addGlobalData deep-copies an object into the previous value, which would change src/site.ts's object.
    `  eleventyConfig.addGlobalData("site", () => ({ ...site, ...${JSON.stringify(overrides)} }));`,
    `}`,
    ``,
  ].join("\n"));
  return path;
}

export function builtSite(input: string, output: string): BuiltSite {
  return {
    input,
    output,
    read: (path) => readFile(join(output, path), "utf8"),
    page: async (path) => parseHTML(await readFile(join(output, path), "utf8")).document as unknown as Document,
    files: async () => (await readdir(output, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(output.length + 1)).sort(),
    cleanup: () => rm(input, { recursive: true, force: true }),
  };
}

/** Front matter + body, the way an author writes a post. */
export function post(frontMatter: string, body = "Some text."): string {
  return `---\n${frontMatter.trim()}\n---\n\n${body}\n`;
}
