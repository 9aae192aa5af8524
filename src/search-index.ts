import { createHash } from "node:crypto";
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import * as pagefind from "pagefind";

/**
 * The Pagefind index (https://pagefind.app/docs/node-api/) of the post pages a
 * build wrote, in `<output>/pagefind/`, and its reuse between builds.
 *
 * One `addDirectory` call, not one `addHTMLFile` message per page: Pagefind's
 * service handles one message at a time, so per-page messages parse on one
 * thread, while `addDirectory` parses files in parallel, as the CLI does.
 *
 * Result URLs are the pages' paths under the output folder (`/posts/x/`),
 * without the path prefix: Pagefind's browser script prepends the folder its
 * bundle is served from (`/blog/pagefind/` → `/blog/`), as `baseUrl` defaults to
 * (pagefind_web_js `getDefaultBaseUrl`). One index is right under any prefix.
 */

/** A page to index: its file under the output folder (`posts/x/index.html`, `/`-separated) and the HTML written there. */
export interface IndexedPage {
  file: string;
  content: string;
}

export interface SearchIndexOptions {
  /** The output folder: the pages are its files, and the index goes to its `pagefind/`. */
  output: string;
  pages: readonly IndexedPage[];
  /** Where the last index is kept for reuse (`.cache/search`). */
  cacheDir: string;
  /** Pagefind's `forceLanguage`: one language for the whole site. */
  language: string;
}

export interface SearchIndexOutcome {
  /** True when the index was copied from the cache: no indexed page changed. */
  reused: boolean;
  pages: number;
}

/** Bump when this module changes what it writes, so older cached indexes are not reused. */
const FORMAT = 1;
// pagefind's exports hide its package.json: read it beside the module's entry (lib/index.js).
const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.resolve("pagefind")), "utf8")) as { version: string }).version;

/** The pages a build wrote whose HTML has a `data-pagefind-body` element's marker: the posts. */
export function indexedPagesOf(results: ReadonlyArray<{ outputPath: string | false; content: string }>, output: string): IndexedPage[] {
  const root = resolve(output);
  return results
    .filter((page): page is { outputPath: string; content: string } => typeof page.outputPath === "string" && page.outputPath.endsWith(".html") && page.content.includes("data-pagefind-body"))
    .map((page) => ({ file: relative(root, resolve(page.outputPath)).split(sep).join("/"), content: page.content }));
}

/**
 * Everything the index is made from: Pagefind's version, its options, and each
 * page's file (its result URL) and HTML. Equal fingerprints, equal indexes:
 * Pagefind names its files after their contents and numbers pages in the order
 * given, which `stagePages` fixes.
 */
export function searchIndexFingerprint(pages: readonly IndexedPage[], language: string): string {
  const hash = createHash("sha256").update(JSON.stringify({ format: FORMAT, pagefind: PAGEFIND_VERSION, language })).update("\0");
  // Lengths first: no file and HTML can run into the next page's.
  for (const page of sortedPages(pages)) hash.update(`${Buffer.byteLength(page.file)}:${Buffer.byteLength(page.content)}:`).update(page.file).update(page.content);
  return hash.digest("hex");
}

export async function writeSearchIndex(options: SearchIndexOptions): Promise<SearchIndexOutcome> {
  const target = join(options.output, "pagefind");
  const fingerprint = searchIndexFingerprint(options.pages, options.language);
  rmSync(target, { recursive: true, force: true });
  if (restoreCachedIndex(options.cacheDir, fingerprint, target)) return { reused: true, pages: options.pages.length };
  await buildIndex(options, target);
  storeCachedIndex(options.cacheDir, fingerprint, target);
  return { reused: false, pages: options.pages.length };
}

async function buildIndex(options: SearchIndexOptions, target: string): Promise<void> {
  mkdirSync(options.cacheDir, { recursive: true });
  const staging = join(options.cacheDir, `pages-${process.pid}`);
  stagePages(options, staging);
  let removed: Promise<void> | undefined;
  try {
    // The byline (date, author, reading time) is on every post: indexed, "invisible" or "team" would find them all, and it would open every snippet.
    const { index, errors } = await pagefind.createIndex({ forceLanguage: options.language });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: staging });
    // Pagefind logs a page it cannot read and goes on; a missing page must not pass silently.
    if (added.errors.length || added.page_count !== options.pages.length) {
      throw new Error(`Pagefind indexed ${added.page_count} of ${options.pages.length} post pages${added.errors.length ? `: ${added.errors.join("; ")}` : ""}`);
    }
    // Parsed: remove the staged links while Pagefind builds and compresses the index.
    removed = rm(staging, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: target });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
  } finally {
    await pagefind.close();
    await (removed ?? rm(staging, { recursive: true, force: true }));
  }
}

/**
 * The pages to index, alone in a folder of their own, at their paths under the
 * output folder (so result URLs stay theirs), created in path order. Pagefind
 * numbers pages in the order it finds them, which is the order the file system
 * lists a folder: newest first on tmpfs, where Eleventy's concurrent writes would
 * decide it; by a name hash on ext4. A fixed creation order keeps the index the
 * same for the same pages on one machine (tests/build/search-index.test.ts).
 * Hard links: nothing is copied, unless the file system refuses them.
 */
function stagePages(options: SearchIndexOptions, staging: string): void {
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const folders = new Set<string>();
  for (const page of sortedPages(options.pages)) {
    const file = join(staging, page.file);
    if (!folders.has(dirname(file))) mkdirSync(dirname(file), { recursive: true });
    folders.add(dirname(file));
    try {
      linkSync(join(options.output, page.file), file);
    } catch {
      writeFileSync(file, page.content);
    }
  }
}

const sortedPages = (pages: readonly IndexedPage[]) => [...pages].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

/**
 * The cache holds one index: `index/manifest.json` (the fingerprint and each
 * file's SHA-256) and `index/pagefind/`. It is moved into place whole, and every
 * file is checked against the manifest before use, so a partial or damaged
 * cache is rebuilt rather than published.
 */
interface Manifest {
  fingerprint: string;
  files: Record<string, string>;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function restoreCachedIndex(cacheDir: string, fingerprint: string, target: string): boolean {
  const folder = join(cacheDir, "index");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")) as Manifest;
  } catch {
    return false;
  }
  if (manifest.fingerprint !== fingerprint) return false;
  const files = new Map<string, Buffer>();
  for (const [file, hash] of Object.entries(manifest.files ?? {})) {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(join(folder, "pagefind", file));
    } catch {
      bytes = undefined;
    }
    if (!bytes || sha256(bytes) !== hash) {
      console.warn(`[search] The cached search index in ${folder} is damaged (${file}); indexing the posts again.`);
      return false;
    }
    files.set(file, bytes);
  }
  if (!files.size) return false;
  for (const [file, bytes] of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    writeFileSync(join(target, file), bytes);
  }
  return true;
}

function storeCachedIndex(cacheDir: string, fingerprint: string, written: string): void {
  const temporary = join(cacheDir, `index-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  const files: Record<string, string> = {};
  for (const entry of readdirSync(written, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const file = relative(written, path).split(sep).join("/");
    const bytes = readFileSync(path);
    files[file] = sha256(bytes);
    const kept = join(temporary, "pagefind", file);
    mkdirSync(dirname(kept), { recursive: true });
    // A hard link, not a copy: the output folder is removed, never rewritten in place, before the next index; the manifest's hashes catch it if it was.
    try {
      linkSync(path, kept);
    } catch {
      writeFileSync(kept, bytes);
    }
  }
  writeFileSync(join(temporary, "manifest.json"), JSON.stringify({ fingerprint, files } satisfies Manifest));
  rmSync(join(cacheDir, "index"), { recursive: true, force: true });
  renameSync(temporary, join(cacheDir, "index"));
}
