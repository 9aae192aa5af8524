import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PostError } from "../../src/build-status.ts";
import { createMarkdown } from "../../src/markdown.ts";
import { toSlug } from "../../src/slugs.ts";
import { splitFrontMatter } from "../../src/validate-posts.ts";
import { browserDocument, distinctIds, generatePost, GOOD_IDS, ID_FORMS, SITE_IDS, type GeneratedPost } from "../helpers/raw-html-ids.ts";
import { post } from "../helpers/site.ts";

/**
 * Ids an author writes in a post's raw HTML: headings step aside from them, and one that cannot
 * be unique on the page (written twice, or one the blog writes) is a PostError at its line.
 * Over generated posts: every form of raw HTML id against every heading slug it can collide with.
 */

const md = createMarkdown();
const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "blog-author-ids-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** The post written to a file, as Eleventy reads it, and the 1-based file line of each body line. */
async function asPost(name: string, generated: GeneratedPost) {
  const source = post("title: Ids\ndate: 2024-01-01", generated.body);
  const inputPath = join(folder, `${name}.md`);
  await writeFile(inputPath, source);
  const firstBodyLine = source.slice(0, source.indexOf(generated.body)).split("\n").length;
  return { env: { page: { inputPath } }, markdown: splitFrontMatter(source).body, fileLine: (bodyLine: number) => firstBodyLine + bodyLine };
}

/** What a render throws: each PostError of the post. */
function thrown(render: () => unknown): PostError[] {
  try {
    render();
  } catch (error) {
    const all = error instanceof AggregateError ? error.errors : [error];
    for (const each of all) expect(each).toBeInstanceOf(PostError);
    return all as PostError[];
  }
  return [];
}

const elementIds = (doc: Document) => [...doc.querySelectorAll("[id]")].map((element) => element.id);
const parse = (html: string) => browserDocument(`<!doctype html><html><body><main>${html}</main></body></html>`);

describe("headings next to ids in the author's raw HTML", () => {
  test.each(SEEDS)("seed %i: every id is unique, the author's elements keep theirs, and each heading link lands on its heading", async (seed) => {
    const generated = generatePost(seed, distinctIds(seed, GOOD_IDS, Object.keys(ID_FORMS).length));
    const { env, markdown } = await asPost(`good-${seed}`, generated);
    const doc = parse(md.render(markdown, env));
    const ids = elementIds(doc);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), generated.body).toEqual([]);
    for (const { value, tag, form } of generated.ids) expect(doc.getElementById(value)?.tagName, `${form} with id "${value}"`).toBe(tag);
    const headings = [...doc.querySelectorAll("h2, h3")];
    expect(headings.map((heading) => heading.textContent!.trim())).toEqual(generated.headings.map(({ text }) => text));
    for (const heading of headings) {
      const slug = toSlug(heading.textContent!) || "section";
      expect(heading.id === slug || heading.id.startsWith(`${slug}-`), heading.id).toBe(true);
      const anchor = heading.nextElementSibling!;
      expect(anchor.matches("a.heading-anchor")).toBe(true);
      expect(doc.getElementById(decodeURIComponent(anchor.getAttribute("href")!.slice(1)))).toBe(heading);
    }
    // A heading whose slug the author's HTML took moves aside; the author's element keeps the id.
    const taken = new Set(generated.ids.map(({ value }) => value));
    for (const heading of headings) expect(taken.has(heading.id), heading.id).toBe(false);
  });

  test.each(SEEDS)("seed %i: `id=` in code, comments and raw text is not an id, and moves no heading", async (seed) => {
    const generated = generatePost(seed, []);
    const { env, markdown } = await asPost(`decoys-${seed}`, generated);
    expect(thrown(() => md.render(markdown, env))).toEqual([]);
    const headings = [...parse(md.render(markdown, env)).querySelectorAll("h2, h3")];
    // The headings get the ids they would get with no decoy in the post.
    const bare = generated.body.split("\n\n").filter((piece) => /^#+ /.test(piece)).join("\n\n");
    expect(headings.map((heading) => heading.id)).toEqual([...parse(md.render(bare)).querySelectorAll("h2, h3")].map((heading) => heading.id));
  });

  test("`## Setup` after `<div id=\"setup\">` becomes setup-2, before it too", () => {
    const ids = (markdown: string) => elementIds(parse(md.render(markdown)));
    expect(ids('<div id="setup">x</div>\n\n## Setup')).toEqual(["setup", "setup-2"]);
    expect(ids('## Setup\n\n<div id="setup">x</div>')).toEqual(["setup-2", "setup"]);
    expect(ids('## Setup\n\n## Setup\n\nText <a id="setup-2"></a>.')).toEqual(["setup", "setup-3", "setup-2"]);
  });
});

describe("ids in the author's raw HTML that cannot be unique on the page", () => {
  test.each(SEEDS)("seed %i: one written twice, or one the blog writes, is an error at its line naming the id and the fix", async (seed) => {
    const good = distinctIds(seed, GOOD_IDS, 5);
    const bad = distinctIds(seed, SITE_IDS, 3);
    // Each good id twice (its second use is the mistake), the blog's ids once or twice.
    const generated = generatePost(seed, [...good, ...bad, ...good, ...bad.slice(0, 1)]);
    const { env, markdown, fileLine } = await asPost(`bad-${seed}`, generated);
    const errors = thrown(() => md.render(markdown, env));
    const firstLine = new Map<string, number>();
    const expected: string[] = [];
    for (const { value, line } of generated.ids) {
      const repeat = firstLine.has(value);
      if (!repeat) firstLine.set(value, fileLine(line));
      if (repeat || SITE_IDS.includes(value)) expected.push(`${fileLine(line)} ${value}`);
    }
    expect(errors.map((error) => `${error.line} ${/"([^"]+)"/.exec(error.problem)![1]}`).sort()).toEqual(expected.sort());
    for (const error of errors) {
      expect(error.file).toBe(env.page.inputPath);
      const id = /"([^"]+)"/.exec(error.problem)![1]!;
      expect(error.problem).toMatch(/Rename/);
      if (!SITE_IDS.includes(id)) expect(error.problem).toContain(`already written at ${env.page.inputPath}:${firstLine.get(id)}`);
    }
  });

  test("the message says which id, where else it is, and what to do", async () => {
    const { env, markdown, fileLine } = await asPost("message", { body: '<div id="setup">a</div>\n\nText <span id="setup">b</span>, a <a id="fn_1"></a> and <i id=main></i>.', ids: [], headings: [] });
    const errors = thrown(() => md.render(markdown, env)).map((error) => `${error.line}  ${error.problem}`);
    expect(errors).toEqual([
      `${fileLine(2)}  the id "setup" is already written at ${env.page.inputPath}:${fileLine(0)}: ids must be unique on a page, or a link to #setup lands on the first. Rename one of them.`,
      `${fileLine(2)}  the id "fn_1" has a "_", which the blog keeps for the ids it writes itself (a footnote is #fn_1): a link to it could land on the wrong element. Rename it, e.g. to "fn-1".`,
      `${fileLine(2)}  the id "main" is the page's own (the skip link leads to #main, the post's main content): a link to it could land on the wrong element. Rename it, e.g. to "main-section".`,
    ]);
  });

  test("outside a post (a bare render, as of a CommonMark example) nothing is refused", () => {
    expect(() => md.render('<div id="a"></div>\n\n<div id="a"></div>\n\n<p id="fn_1">')).not.toThrow();
    expect(() => md.render('<div id="a"></div>\n\n<div id="a"></div>', {})).not.toThrow();
  });
});
