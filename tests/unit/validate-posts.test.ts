import { describe, expect, test } from "vitest";
import { parseFrontMatterDate, YamlTimestamp } from "../../src/front-matter-schema.ts";
import { createLayoutLookup, formatProblems, splitFrontMatter, validatePostSource } from "../../src/validate-posts.ts";

const layoutExists = createLayoutLookup(["layout.njk", "partials/post.njk"]);
const check = (frontMatter: string) => validatePostSource("posts/x.md", `---\n${frontMatter}\n---\nBody\n`, { layoutExists });

describe("parseFrontMatterDate", () => {
  test("a bare date is midnight UTC, as Eleventy reads it", () => {
    expect(parseFrontMatterDate("2024-02-29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });
  test("a date-time keeps its offset; without one it is UTC", () => {
    expect(parseFrontMatterDate("2024-03-18T09:30:00+02:00")?.toISOString()).toBe("2024-03-18T07:30:00.000Z");
    expect(parseFrontMatterDate("2024-03-18T09:30:00")?.toISOString()).toBe("2024-03-18T09:30:00.000Z");
  });
  // Strings Eleventy reads with Luxon's DateTime.fromISO; anything else makes Eleventy fail with a stack trace.
  test.each(["2023-13-45", "2023-02-29", "yesterday", "", "18/03/2024", "2024-03-18 09:30", "2024-03-18 09:30:00", "last modified"])("rejects %j", (text) => {
    expect(parseFrontMatterDate(text)).toBeUndefined();
  });
  test.each([["2024-W05", "2024-01-29"], ["2024", "2024-01-01"], ["2024-03-18T09:30", "2024-03-18"]])("accepts %j as Eleventy does", (text, day) => {
    expect(parseFrontMatterDate(text)?.toISOString().slice(0, 10)).toBe(day);
  });
  test("an unquoted YAML timestamp is read as js-yaml reads it for Eleventy, unless it is not a real date", () => {
    expect(parseFrontMatterDate(new YamlTimestamp("2024-03-18 09:30:00"))?.toISOString()).toBe("2024-03-18T09:30:00.000Z");
    expect(parseFrontMatterDate(new YamlTimestamp("2024-3-8 9:30:00 +02:00"))?.toISOString()).toBe("2024-03-08T07:30:00.000Z");
    expect(parseFrontMatterDate(new YamlTimestamp("2023-13-45"))).toBeUndefined();
    expect(parseFrontMatterDate(new YamlTimestamp("2024-03-18 25:00:00"))).toBeUndefined();
  });
});

describe("validatePostSource", () => {
  test("a complete post has no problems, and unknown keys are allowed", () => {
    expect(check('title: "A: b"\ndate: 2024-01-01\nupdated: 2024-01-01\ntags: [a, b]\ndescription: D\ndraft: false\nlayout: layout.njk\nseries: S\npermalink: /x/')).toEqual([]);
  });

  test("a layout may be named without its extension", () => {
    expect(check("title: T\ndate: 2024-01-01\nlayout: partials/post")).toEqual([]);
  });

  test("reports every bad field of a post at once, with line and value", () => {
    const problems = check('title: ""\ndate: 2023-13-45\ntags: 42\ndraft: "maybe"\nlayout: nope.njk');
    expect(problems.map((p) => [p.line, p.field, p.value])).toEqual([
      [2, "title", ""],
      [3, "date", "2023-13-45"],
      [4, "tags", 42],
      [5, "draft", "maybe"],
      [6, "layout", "nope.njk"],
    ]);
  });

  test("updated before date is reported on the updated line", () => {
    expect(check("title: T\ndate: 2024-02-01\nupdated: 2024-01-31").map((p) => [p.line, p.field])).toEqual([[4, "updated"]]);
  });

  test("updated compares calendar days in the site's zone, not instants", () => {
    expect(check("title: T\ndate: 2024-03-18T10:00:00Z\nupdated: 2024-03-18")).toEqual([]);
    const [late] = check("title: T\ndate: 2024-03-18T10:00:00Z\nupdated: 2024-03-17T23:00:00Z");
    expect(late).toMatchObject({ field: "updated", value: "2024-03-17T23:00:00Z" });
    expect(late?.message).toContain("same calendar day as date (in the site's time zone, UTC) or later");
    const inTokyo = validatePostSource("posts/x.md", "---\ntitle: T\ndate: 2024-03-18T20:00:00Z\nupdated: 2024-03-19T01:00:00+09:00\n---\n", { timeZone: "Asia/Tokyo" });
    expect(inTokyo).toEqual([]);
  });

  test("unquoted dates in YAML are timestamps; a number is not a date", () => {
    expect(check("title: T\ndate: 2024-03-18 09:30:00")).toEqual([]);
    expect(check("title: T\ndate: 2024").map((p) => [p.field, p.value])).toEqual([["date", 2024]]);
  });

  test("a colon in an unquoted value gets the quoted line as the fix", () => {
    expect(check("date: 2024-01-01\ntitle: Tips: part 2")[0]).toMatchObject({ field: "front matter", line: 3, message: expect.stringContaining('quote the value: title: "Tips: part 2"') });
  });

  test("an empty tags: means no tags", () => {
    expect(check("title: T\ndate: 2024-01-01\ntags:")).toEqual([]);
  });

  test("file names that would make an invalid URL are rejected unless the post sets a permalink", () => {
    const at = (file: string, frontMatter = "title: T\ndate: 2024-01-01") => validatePostSource(file, `---\n${frontMatter}\n---\n`);
    expect(at("posts/Hello World.md")).toEqual([
      { file: "posts/Hello World.md", line: 1, field: "file name", message: "contains a space, which makes an invalid URL: rename the file to posts/hello-world.md, or set a permalink, e.g. permalink: /posts/hello-world/" },
    ]);
    expect(at("posts/My Trip/index.md")[0]?.message).toContain("rename the file to posts/my-trip/index.md");
    for (const bad of ["posts/a#b.md", "posts/a?b.md", "posts/a%20b.md", 'posts/a"b.md', "posts/a<b>.md", "posts/a\\b.md", "posts/a\tb.md"]) expect(at(bad).map((p) => p.field)).toEqual(["file name"]);
    expect(at("posts/日本語.md")).toEqual([]);
    expect(at("posts/Hello World.md", "title: T\ndate: 2024-01-01\npermalink: /hello/")).toEqual([]);
  });

  test("no front matter at all: title and date are missing", () => {
    expect(validatePostSource("posts/x.md", "Just text\n").map((p) => p.field)).toEqual(["title", "date"]);
  });

  test("YAML that does not parse is reported at its line", () => {
    const [problem] = check("title: T\ntags:\n  - a\n - b");
    expect(problem).toMatchObject({ field: "front matter", line: 5 });
  });

  test("front matter that never closes", () => {
    expect(validatePostSource("posts/x.md", "---\ntitle: T\n")[0]?.message).toContain("no closing ---");
  });

  test("the report groups problems by file", () => {
    const text = formatProblems([...check("date: 2024-01-01"), ...validatePostSource("posts/y.md", "x")]);
    expect(text).toContain("Front matter problems in 2 posts");
    expect(text).toContain("posts/x.md:1  title\n    → title is missing");
  });
});

test("splitFrontMatter gives the body and the line it starts on", () => {
  expect(splitFrontMatter("---\na: 1\n---\nBody")).toMatchObject({ yaml: "a: 1", body: "Body", bodyLine: 4 });
});
