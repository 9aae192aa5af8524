import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { droppedDate, findUrlCollisions, toCleanUrl, toFilePathStem, toPostUrl } from "../../src/post-urls.ts";
import { checkUrlCollisions } from "../../src/validate-posts.ts";
import { projectRoot } from "../helpers/site.ts";

/** Eleventy's own `page.filePathStem`, from its TemplateFileSlug and extension map (not exported by the package). */
let eleventyFilePathStem: (inputPath: string) => string;

beforeAll(async () => {
  const load = async (file: string) => ((await import(pathToFileURL(join(projectRoot, "node_modules/@11ty/eleventy/src", file)).href)) as { default: new (...args: never[]) => unknown }).default;
  const TemplateFileSlug = (await load("TemplateFileSlug.js")) as unknown as new (inputPath: string, extensionMap: unknown, config: unknown) => { getFullPathWithoutExtension(): string };
  const ExtensionMap = (await load("EleventyExtensionMap.js")) as unknown as { prototype: object };
  // The default extension map (md, html, njk, liquid, 11ty.js…), without a whole TemplateConfig.
  const extensionMap = Object.assign(Object.create(ExtensionMap.prototype) as object, { templateConfig: { getConfig: () => ({}) } });
  eleventyFilePathStem = (inputPath) => new TemplateFileSlug(`./${inputPath}`, extensionMap, { directories: { input: "./" } }).getFullPathWithoutExtension();
});

/** Deterministic generator: the same names on every run, so a failure names the file to reproduce. */
function generator(seed: number) {
  // mulberry32: the low bits of a plain LCG repeat too soon to mix pieces well.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const pick = <T>(list: readonly T[]): T => list[next() % list.length]!;
  return { next, pick };
}

const PIECES = ["", "trip", "My Trip", "2023-01-10-", "2024-02-01", "-", "notes-", "1999-12-31-x", "index", "日本語", "Café", "C# Tips", "a.b", "v2", "12-34-5678-", "0000-00-00-", " ", "what?100%", "ÉTÉ", "١٢٣٤-٥٦-٧٨-", "--", "_draft"];
const FOLDERS = ["", "2024-01-01-trip/", "My Trip/", "2023/", "2023/01/", "notes-2024-01-01-x/", "日本/"];
const EXTENSIONS = [".md", ".md", ".njk", ".MD", ".html.md"];

function generatedPaths(count: number, seed: number): string[] {
  const { next, pick } = generator(seed);
  return Array.from({ length: count }, () => {
    const name = Array.from({ length: 1 + (next() % 4) }, () => pick(PIECES)).join("");
    return `posts/${pick(FOLDERS)}${name}${pick(EXTENSIONS)}`;
  });
}

describe("the URL of a file is Eleventy's filePathStem, cleaned", () => {
  test("over generated names (dates anywhere, index files, dated folders, non-clean and unicode names), the stem is Eleventy's own", () => {
    for (const path of [...generatedPaths(3000, 42), "posts/2024-01-01-.md", "posts/.md", "posts/2024-01-01-index.md", "posts/x/2024-01-01-index.md"]) {
      expect(toFilePathStem(path), path).toBe(eleventyFilePathStem(path));
      expect(toPostUrl(path), path).toBe(toCleanUrl(eleventyFilePathStem(path)));
    }
  });

  test("the date is dropped wherever it is in the file name, and kept in folder names", () => {
    expect(toPostUrl("posts/2023-01-10-same-title.md")).toBe("/posts/same-title/");
    expect(toPostUrl("posts/notes-2024-01-01-x.md")).toBe("/posts/x/");
    expect(toPostUrl("posts/2024-01-01-trip/index.md")).toBe("/posts/2024-01-01-trip/");
    expect(droppedDate("posts/notes-2024-01-01-x.md")).toBe("notes-2024-01-01-");
    expect(droppedDate("posts/trip.md")).toBeUndefined();
  });

  test("any two generated names that differ only by a date prefix collide, and the collision names both files, their line and what to do", () => {
    const { next, pick } = generator(7);
    for (let i = 0; i < 200; i++) {
      const title = Array.from({ length: 1 + (next() % 3) }, () => pick(PIECES.filter((p) => !/\d/.test(p) && p !== "index"))).join("") || "post";
      const year = () => String(1990 + (next() % 40));
      const a = `posts/${year()}-01-10-${title}.md`;
      const b = `posts/${year()}-02-01-${title}.md`;
      if (a === b) continue;
      expect(findUrlCollisions([a, b]), `${a} / ${b}`).toEqual([{ url: toPostUrl(a), files: [a, b] }]);
      const [first, second] = checkUrlCollisions([{ file: a, hasPermalink: false }, { file: b, hasPermalink: false }]);
      expect(first).toMatchObject({ file: a, line: 1, field: "file name" });
      expect(first!.message).toContain(`as ${b}:1`);
      expect(first!.message).toContain("add a permalink to one of them");
      expect(first!.message).toContain("or rename one of the files");
      expect(second!.message).toContain(`as ${a}:1`);
    }
  });

  test("a permalink in one of them ends the collision", () => {
    expect(checkUrlCollisions([{ file: "posts/2023-01-10-t.md", hasPermalink: true }, { file: "posts/2024-02-01-t.md", hasPermalink: false }])).toEqual([]);
  });
});
