import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runEleventy } from "../helpers/cli.ts";
import { makeFixture, post } from "../helpers/site.ts";

const GOOD = post("title: A good post\ndate: 2024-01-01\ntags: fine");
const fixtures: string[] = [];
afterAll(() => Promise.all(fixtures.map((dir) => rm(dir, { recursive: true, force: true }))));

async function buildWith(posts: Record<string, string>, files: Record<string, string> = {}) {
  const input = await makeFixture({ posts: { "good.md": GOOD, ...posts }, files });
  fixtures.push(input);
  return { input, result: await runEleventy(input, ["--quiet"]) };
}

// One fixture per mistake from issue 4; each runs the real CLI (`npm run build`).
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
  { name: "an unknown layout", file: "unknown-layout.md", source: post("title: Layout\ndate: 2024-01-01\nlayout: missing.njk"), field: 'layout: "missing.njk"', line: 4, says: "names no file in _includes/" },
];

describe("bad front matter fails the build with the file, line and field", () => {
  test.each(CASES)("$name", async ({ file, source, field, line, says }) => {
    const { input, result } = await buildWith({ [file]: source });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`posts/${file}:${line}  ${field}`);
    expect(result.stderr).toContain(says);
    expect(result.stderr).toContain("Front matter problems in 1 post");
    // Readable: the report is not buried in a stack trace.
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(input, "_site", "posts", "good", "index.html"))).toBe(false);
  });
});

test("several bad posts: all are reported in one run, and the stale build is removed", async () => {
  const stale = { "_site/index.html": "<!doctype html><title>Yesterday's build</title>" };
  const { input, result } = await buildWith(
    {
      "bad-date.md": post("title: Bad date\ndate: 2023-13-45"),
      "bad-tags.md": post("title: Bad tags\ndate: 2024-01-01\ntags: 42"),
      "bad-yaml.md": '---\ntitle: "Open\ndate: 2024-01-01\n---\n',
    },
    stale,
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("Front matter problems in 3 posts");
  for (const file of ["posts/bad-date.md:3  date", "posts/bad-tags.md:4  tags", "posts/bad-yaml.md:4  front matter"]) expect(result.stderr).toContain(file);
  expect(result.stderr).not.toContain("posts/good.md");
  expect(existsSync(join(input, "_site", "index.html"))).toBe(false);
});

test("a good site builds, with unknown keys such as series and permalink allowed", async () => {
  const { input, result } = await buildWith({
    "extra-keys.md": post('title: "Extra: keys"\ndate: 2024-02-01T10:30:00Z\nupdated: 2024-02-03\nseries: Part one\npermalink: /custom/\ndraft: false\ndescription: Fine.'),
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(existsSync(join(input, "_site", "custom", "index.html"))).toBe(true);
});
