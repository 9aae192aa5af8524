import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, test } from "vitest";
import { runEleventy } from "../helpers/cli.ts";
import { formatProblems, validatePosts } from "../../src/validate-posts.ts";
import { makeFixture, post } from "../helpers/site.ts";

const GOOD = post("title: A good post\ndate: 2024-01-01\ntags: fine");
const fixtures: string[] = [];
afterAll(() => Promise.all(fixtures.map((dir) => rm(dir, { recursive: true, force: true }))));

async function buildWith(posts: Record<string, string>, files: Record<string, string | Uint8Array> = {}) {
  const input = await makeFixture({ posts: { "good.md": GOOD, ...posts }, files });
  fixtures.push(input);
  return { input, result: await runEleventy(input, ["--quiet"]) };
}

// One fixture per mistake an author makes, as the build reports it (validatePosts reads each file and
// formats the report the CLI prints); the CLI itself is run below, once with several bad posts.
const CASES: Array<{ name: string; file: string; source: string; field: string; line: number; says: string }> = [
  { name: "an unclosed quote", file: "unclosed-quote.md", source: '---\ntitle: "Never closed\ndate: 2024-01-01\n---\nText\n', field: "front matter", line: 4, says: "not valid YAML" },
  { name: "bad indentation", file: "bad-indentation.md", source: "---\ntitle: Indented\ntags:\n  - a\n - b\ndate: 2024-01-01\n---\nText\n", field: "front matter", line: 5, says: "bad indentation" },
  { name: "date: 2023-13-45", file: "impossible-date.md", source: post("title: Impossible\ndate: 2023-13-45"), field: 'date: "2023-13-45"', line: 3, says: "must be a real calendar date" },
  { name: "date: yesterday", file: "word-date.md", source: post("title: Word\ndate: yesterday"), field: 'date: "yesterday"', line: 3, says: "must be a real calendar date" },
  { name: "a missing title", file: "no-title.md", source: post("date: 2024-01-01"), field: "title", line: 1, says: "title is missing" },
  { name: "an empty title", file: "empty-title.md", source: post('title: ""\ndate: 2024-01-01'), field: 'title: ""', line: 2, says: "title is empty" },
  { name: "tags: 42", file: "number-tags.md", source: post("title: Numbers\ndate: 2024-01-01\ntags: 42"), field: "tags: 42", line: 4, says: "must be a tag or a list of tags" },
  { name: "tags: {a: 1}", file: "mapping-tags.md", source: post("title: Mapping\ndate: 2024-01-01\ntags: {a: 1}"), field: 'tags: {"a":1}', line: 4, says: "must be a tag or a list of tags" },
  { name: 'draft: "maybe"', file: "maybe-draft.md", source: post('title: Maybe\ndate: 2024-01-01\ndraft: "maybe"'), field: 'draft: "maybe"', line: 4, says: "must be true or false" },
  { name: "updated before date", file: "updated-early.md", source: post("title: Early\ndate: 2024-02-01\nupdated: 2024-01-31"), field: 'updated: "2024-01-31"', line: 4, says: "is before date" },
  { name: "date: 2024-03-18 09:30 (Eleventy cannot read it)", file: "spaced-date-time.md", source: post("title: Spaced\ndate: 2024-03-18 09:30"), field: 'date: "2024-03-18 09:30"', line: 3, says: "write 2024-03-18T09:30" },
  { name: "an unquoted colon in the title", file: "colon-title.md", source: post("title: Tips: part 2\ndate: 2024-01-01"), field: "front matter", line: 2, says: 'quote the value: title: "Tips: part 2"' },
  { name: "an unknown layout", file: "unknown-layout.md", source: post("title: Layout\ndate: 2024-01-01\nlayout: missing.njk"), field: 'layout: "missing.njk"', line: 4, says: "names no file in _includes/" },
];

describe("bad front matter is reported with the file, line and field", () => {
  test.each(CASES)("$name", async ({ file, source, field, line, says }) => {
    const input = await makeFixture({ posts: { "good.md": GOOD, [file]: source } });
    fixtures.push(input);
    const problems = await validatePosts({ input, layouts: join(input, "_includes") });
    const report = formatProblems(problems);
    expect(report).toContain(`posts/${file}:${line}  ${field}`);
    expect(report).toContain(says);
    expect(report).toContain("Front matter problems in 1 post");
  });
});

test("several bad posts: all are reported in one run, and the stale build is removed", async () => {
  // A post saved as Windows-1252 by an older editor ("Café" with é as byte 0xE9): not UTF-8.
  const latin1 = Uint8Array.from([...Buffer.from("---\ntitle: Caf"), 0xe9, ...Buffer.from("\ndate: 2024-01-01\n---\n")]);
  const stale = { "_site/index.html": "<!doctype html><title>Yesterday's build</title>", "posts/latin1.md": latin1 };
  const { input, result } = await buildWith(
    {
      "bad-date.md": post("title: Bad date\ndate: 2023-13-45"),
      "bad-tags.md": post("title: Bad tags\ndate: 2024-01-01\ntags: 42"),
      "bad-yaml.md": '---\ntitle: "Open\ndate: 2024-01-01\n---\n',
    },
    stale,
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("Front matter problems in 4 posts");
  // Readable: the report is not buried in a stack trace, and its summary is printed once.
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.split("Front matter problems in 4 posts (listed above)")).toHaveLength(2);
  for (const file of ["posts/bad-date.md:3  date", "posts/bad-tags.md:4  tags", "posts/bad-yaml.md:4  front matter", "posts/latin1.md:2  encoding"]) expect(result.stderr).toContain(file);
  expect(result.stderr).toContain("re-save the file as UTF-8");
  expect(result.stderr).not.toContain("posts/good.md");
  expect(existsSync(join(input, "_site", "index.html"))).toBe(false);
});

test("every date form Eleventy reads builds, with the date Eleventy reads; empty tags and non-ASCII file names are fine", async () => {
  const { input, result } = await buildWith({
    "yaml-timestamp.md": post("title: YAML timestamp\ndate: 2024-03-18 09:30:00"),
    "iso-without-seconds.md": post("title: ISO\ndate: 2024-03-18T09:30"),
    "quoted-date.md": post('title: Quoted\ndate: "2024-03-19"'),
    "same-day-update.md": post("title: Same day\ndate: 2024-03-18T10:00:00Z\nupdated: 2024-03-18"),
    "no-tags.md": post("title: No tags\ndate: 2024-03-20\ntags:"),
    "日本語.md": post("title: Japanese\ndate: 2024-03-21"),
    "Spaced Name.md": post("title: Own permalink\ndate: 2024-03-22\npermalink: /posts/spaced-name/"),
    "My Post File.md": post("title: Named by Finder\ndate: 2024-03-23"),
    "C# Tips/index.md": post("title: In a folder\ndate: 2024-03-24", "[Notes](notes.txt)"),
    "C# Tips/notes.txt": "Beside the post.",
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const page = (path: string) => parseHTML(readFileSync(join(input, "_site", path, "index.html"), "utf8")).document;
  expect(page("posts/yaml-timestamp").querySelector("article time")?.getAttribute("datetime")).toBe("2024-03-18");
  const title = (path: string) => page(path).querySelector("h1")?.textContent;
  expect(title("posts/日本語")).toBe("Japanese");
  expect(title("posts/spaced-name")).toBe("Own permalink");
  // Names as Finder and Obsidian write them get clean URLs; files beside the post follow it.
  expect(title("posts/my-post-file")).toBe("Named by Finder");
  expect(title("posts/c-sharp-tips")).toBe("In a folder");
  expect(readFileSync(join(input, "_site/posts/c-sharp-tips/notes.txt"), "utf8")).toBe("Beside the post.");
  // No tags still means a post: it is listed on the home page.
  const listed = [...page("").querySelectorAll("main a")].map((a) => a.getAttribute("href"));
  expect(listed).toContain("/posts/no-tags/");
});

test("a good site builds, with unknown keys such as series and permalink allowed", async () => {
  const { input, result } = await buildWith({
    "extra-keys.md": post('title: "Extra: keys"\ndate: 2024-02-01T10:30:00Z\nupdated: 2024-02-03\nseries: Part one\npermalink: /custom/\ndraft: false\ndescription: Fine.'),
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(existsSync(join(input, "_site", "custom", "index.html"))).toBe(true);
});
