import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import * as pagefind from "pagefind";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startStaticServer } from "../../src/static-server.ts";
import { buildSite, post, readRealPosts, type BuiltSite } from "./site.ts";

/** A seeded generator (mulberry32): the same posts on every run. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words no dictionary or stemmer knows, one per post, so a search for one can only find its post. */
export function markerWords(count: number, next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < count) words.add(`zq${Array.from({ length: 8 }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(next() * 20)]).join("")}`);
  return [...words];
}

/** Post file names of every shape that reaches a URL differently: plain, dated, upper case and spaces (slugged), non-Latin (kept). */
const NAMES = ["plain-post.md", "2024-03-05-dated-post.md", "Upper Case Name.md", "café-notes.md", "日本語の記事.md", "a.b-dotted.md"];
const SHARED = "sharedword";

function generatedPosts(seed: number) {
  const next = random(seed);
  const markers = markerWords(NAMES.length, next);
  const posts = Object.fromEntries(NAMES.map((name, i) => [name, post(`title: Post ${markers[i]}\ndate: 2024-0${1 + (i % 9)}-1${i}\ntags: [search, t${i % 3}]`, `The ${markers[i]} word, and the ${SHARED} one.\n\n## More\n\nText ${next().toString(36).slice(2)}.`)]));
  return { posts, markers };
}

/** Every file of a folder, by path under it, with its bytes. */
export async function filesOf(folder: string): Promise<Map<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    const path = join(entry.parentPath, entry.name);
    files.set(relative(folder, path), (await readFile(path)).toString("base64"));
  }
  return files;
}

let imports = 0;

/**
 * Searches a built site with Pagefind's own browser script, run in Node, its
 * files served over HTTP under the prefix as a host would. Pagefind puts the
 * folder its bundle is served from before every result URL, as in the browser
 * (public/search.js names the bundle's folder); results come back as paths.
 */
export async function search(output: string, prefix: string, terms: string[]): Promise<Map<string, string[]>> {
  const server = await startStaticServer({ root: output, pathPrefix: prefix });
  try {
    // A new module instance per call: each holds its own loaded index.
    const module = (await import(`${pathToFileURL(join(output, "pagefind/pagefind.js")).href}?instance=${imports++}`)) as {
      options(options: { basePath: string }): Promise<void>;
      search(term: string): Promise<{ results: Array<{ data(): Promise<{ url: string }> }> }>;
    };
    await module.options({ basePath: `${server.url}pagefind/` });
    const found = new Map<string, string[]>();
    for (const term of terms) {
      const { results } = await module.search(term);
      const urls = await Promise.all(results.map(async (result) => new URL((await result.data()).url).pathname));
      found.set(term, urls.sort());
    }
    return found;
  } finally {
    await server.close();
  }
}

/** The URL of each post page as a reader reaches it: its canonical link, which carries the prefix. */
async function postUrls(site: BuiltSite): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const file of (await site.files()).filter((f) => f.endsWith(".html"))) {
    const doc = await site.page(file);
    const article = doc.querySelector("article[data-pagefind-body]");
    if (article) urls.set(article.querySelector("h1")!.textContent!.trim(), new URL(doc.querySelector("link[rel=canonical]")!.getAttribute("href")!).pathname);
  }
  return urls;
}

/** The index as src/plugins/search.ts built it before: one addHTMLFile per post page, with the URL given. */
async function indexTheOldWay(pages: Array<{ url: string; content: string }>, outputPath: string): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: "en" });
  try {
    for (const page of pages) await index!.addHTMLFile(page);
    await index!.writeFiles({ outputPath });
  } finally {
    await pagefind.close();
  }
}

/**
 * The index of a site built with the real configuration, searched with
 * Pagefind's own script: generated posts of every URL shape, real posts, and a
 * page that is not a post holding all their words. One prefix per test file:
 * two builds with different prefixes in one process leak the first one's.
 */
export function describeSearchIndexOfBuiltSite(prefix: string): void {
  describe(`the search index of a built site, path prefix ${prefix}`, () => {
    const { posts, markers } = generatedPosts(prefix.length);
    let site: BuiltSite;
    beforeAll(async () => {
      site = await buildSite({
        searchIndex: true,
        ...(prefix === "/" ? {} : { pathPrefix: prefix }),
        posts: { ...(await readRealPosts()), ...posts },
        // A page that is not a post, with every word the posts have: it must never be a result.
        files: { "glossary.md": `---\ntitle: Glossary\npermalink: /glossary/\n---\n\n${markers.join(" ")} ${SHARED} serverless lambda\n` },
      });
    });
    afterAll(() => site?.cleanup());

    test("each post's own word finds that post alone, at its URL; no page that is not a post is ever a result", async () => {
      const urls = await postUrls(site);
      const found = await search(site.output, prefix, [...markers, SHARED]);
      markers.forEach((marker, i) => {
        expect(found.get(marker), NAMES[i]).toEqual([urls.get(`Post ${marker}`)]);
        expect(found.get(marker)![0]!.startsWith(prefix)).toBe(true);
      });
      expect(found.get(SHARED)).toEqual(markers.map((marker) => urls.get(`Post ${marker}`)!).sort());
      // Searching the glossary's words finds posts only.
      await expect(site.read("glossary/index.html")).resolves.toContain(markers[0]);
    const everyPost = new Set(urls.values());
      for (const [term, results] of await search(site.output, prefix, ["serverless", "lambda", "glossary", "tags", "archive"])) {
        expect(results.filter((url) => !everyPost.has(url)), term).toEqual([]);
      }
    });

    test("finds the same posts as the old index, one addHTMLFile per post (URLs corrected for the prefix)", async () => {
      const pages: Array<{ url: string; content: string }> = [];
      for (const file of (await site.files()).filter((f) => f.endsWith(".html"))) {
        const content = await site.read(file);
        const { document } = parseHTML(content);
        if (document.querySelector("[data-pagefind-body]")) pages.push({ url: `/${file.replace(/index\.html$/, "")}`, content });
      }
      const old = await mkdtemp(join(tmpdir(), "search-old-"));
      try {
        await indexTheOldWay(pages, join(old, "pagefind"));
        const terms = [...markers, SHARED, "serverless", "lambda", "architecture", "the"];
        const ours = await search(site.output, prefix, terms);
        // The old index served at the root: its URLs are the pages' own, which ours must show under the prefix.
        const theirs = await search(old, "/", terms);
        for (const term of terms) expect(ours.get(term), term).toEqual(theirs.get(term)!.map((url) => prefix + url.slice(1)));
        expect(theirs.get("the")!.length).toBe(pages.length);
      } finally {
        await rm(old, { recursive: true, force: true });
      }
    });

    test("the build kept its index in .cache/search/, file for file", async () => {
      const cached = await filesOf(join(site.input, ".cache/search/index/pagefind"));
      expect(cached).toEqual(await filesOf(join(site.output, "pagefind")));
    });
  });
}
