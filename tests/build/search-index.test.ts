import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { searchIndexFingerprint, writeSearchIndex, type IndexedPage } from "../../src/search-index.ts";
import { describeSearchIndexOfBuiltSite, filesOf, markerWords, random, search } from "../helpers/search-index.ts";

describeSearchIndexOfBuiltSite("/");

/** A tmpfs on every Linux. */
const TMPFS = "/dev/shm";

describe("reusing the previous index", () => {
  let work: string;
  const output = () => join(work, "_site");
  const cacheDir = () => join(work, ".cache/search");
  const next = random(7);
  const markers = markerWords(8, next);
  const pages: IndexedPage[] = markers.map((marker, i) => ({
    file: `posts/p${i}/index.html`,
    content: `<!doctype html><html lang="en"><head><title>${marker}</title></head><body><nav>menu</nav><article data-pagefind-body><h1>${marker}</h1><p>${marker} text ${i}</p></article></body></html>`,
  }));

  async function writePages(list: readonly IndexedPage[], folder = output()): Promise<void> {
    for (const page of list) {
      await mkdir(dirname(join(folder, page.file)), { recursive: true });
      await writeFile(join(folder, page.file), page.content);
    }
  }

  const index = (list: readonly IndexedPage[], cache = cacheDir(), folder = output()) => writeSearchIndex({ output: folder, pages: list, cacheDir: cache, language: "en" });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "search-reuse-"));
    await writePages(pages);
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  test("nothing changed: the index is copied from the cache, byte-identical to one built afresh", async () => {
    await expect(index(pages)).resolves.toEqual({ reused: false, pages: pages.length });
    const built = await filesOf(join(output(), "pagefind"));
    expect(built.size).toBeGreaterThan(pages.length);
    // As a CI build sees it: the output folder gone, .cache/ kept.
    await rm(output(), { recursive: true });
    await writePages(pages);
    await expect(index(pages)).resolves.toEqual({ reused: true, pages: pages.length });
    expect(await filesOf(join(output(), "pagefind"))).toEqual(built);
    // Built again with no cache at all: the same bytes, so reuse changes nothing.
    await expect(index(pages, join(work, "fresh-cache"))).resolves.toEqual({ reused: false, pages: pages.length });
    expect(await filesOf(join(output(), "pagefind"))).toEqual(built);
  });

  test("any post changed, added or removed: indexed again, and the new words are found", async () => {
    await index(pages);
    const changes: Array<[string, IndexedPage[]]> = [
      ["edited", pages.map((page, i) => (i === 3 ? { ...page, content: page.content.replace("text 3", "text 3 zqedited") } : page))],
      ["added", [...pages, { file: "posts/new/index.html", content: pages[0]!.content.replaceAll(markers[0]!, "zqadded") }]],
      ["removed", pages.slice(1)],
      ["moved", pages.map((page, i) => (i === 2 ? { ...page, file: "posts/moved/index.html" } : page))],
    ];
    for (const [change, changed] of changes) {
      expect(searchIndexFingerprint(changed, "en"), change).not.toBe(searchIndexFingerprint(pages, "en"));
      await rm(output(), { recursive: true });
      await writePages(changed);
      await expect(index(changed), change).resolves.toEqual({ reused: false, pages: changed.length });
      const word = { edited: "zqedited", added: "zqadded", removed: markers[0]!, moved: markers[2]! }[change]!;
      const expected = { edited: ["/posts/p3/"], added: ["/posts/new/"], removed: [], moved: ["/posts/moved/"] }[change]!;
      expect((await search(output(), "/", [word])).get(word), change).toEqual(expected);
    }
  });

  test("a damaged cached file is noticed: indexed again, with a warning, never published", async () => {
    await rm(output(), { recursive: true, force: true });
    await writePages(pages);
    await index(pages);
    const built = await filesOf(join(output(), "pagefind"));
    const fragment = [...built.keys()].find((file) => file.startsWith("fragment/"))!;
    await writeFile(join(cacheDir(), "index/pagefind", fragment), "damaged");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(index(pages)).resolves.toEqual({ reused: false, pages: pages.length });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain(fragment);
    warn.mockRestore();
    expect(await filesOf(join(output(), "pagefind"))).toEqual(built);
  });

  test("the same pages written in any order give the same index, also where folders list in creation order (tmpfs)", async () => {
    const outputs: Array<Map<string, string>> = [];
    for (const order of [pages, [...pages].reverse()]) {
      // tmpfs lists a folder's entries newest first; ext4 in an order of its own that ignores when they were written.
      const folder = await mkdtemp(join(existsSync(TMPFS) ? TMPFS : tmpdir(), "search-order-"));
      try {
        await writePages(order, folder);
        await index(order, join(folder, ".cache"), folder);
        outputs.push(await filesOf(join(folder, "pagefind")));
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }
    expect(outputs[1]).toEqual(outputs[0]);
  });
});
