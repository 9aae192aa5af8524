import { describe, expect, test } from "vitest";
import { parseFrontMatterDate, YamlTimestamp } from "../../src/front-matter-schema.ts";
import { checkUrlCollisions, createLayoutLookup, decodePost, formatProblems, splitFrontMatter, validatePostSource } from "../../src/validate-posts.ts";

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

  test("file names are not problems: every name gets a clean URL (src/post-urls.ts)", () => {
    for (const file of ["posts/Hello World.md", "posts/My Trip/index.md", "posts/what?100%.md", "posts/日本語.md"]) {
      expect(validatePostSource(file, "---\ntitle: T\ndate: 2024-01-01\n---\n")).toEqual([]);
    }
  });

  test("two posts whose names give one URL are both named, with the URL", () => {
    const problems = checkUrlCollisions([
      { file: "posts/Hello World.md", hasPermalink: false },
      { file: "posts/hello-world.md", hasPermalink: false },
      { file: "posts/hello world/index.md", hasPermalink: true },
      { file: "posts/other.md", hasPermalink: false },
    ]);
    expect(problems).toEqual([
      { file: "posts/Hello World.md", line: 1, field: "file name", message: "gives the same URL, /posts/hello-world/, as posts/hello-world.md:1: add a permalink to one of them (e.g. permalink: /posts/hello-world-2/ in its front matter), or rename one of the files" },
      { file: "posts/hello-world.md", line: 1, field: "file name", message: "gives the same URL, /posts/hello-world/, as posts/Hello World.md:1: add a permalink to one of them (e.g. permalink: /posts/hello-world-2/ in its front matter), or rename one of the files" },
    ]);
  });

  test("a file that is not UTF-8 is named with the line of its first bad byte and how to re-save it", () => {
    const latin1 = Uint8Array.from([...Buffer.from("---\ntitle: Caf"), 0xe9, ...Buffer.from("\ndate: 2024-01-01\n---\n")]);
    const decoded = decodePost("posts/cafe.md", latin1);
    expect(decoded).toEqual({ problem: { file: "posts/cafe.md", line: 2, field: "encoding", message: expect.stringContaining('byte 0xE9 on line 2 (in Windows-1252 it would be "é"): re-save the file as UTF-8') } });
    expect(decodePost("posts/ok.md", Buffer.from("---\ntitle: Café\n---\n"))).toEqual({ source: "---\ntitle: Café\n---\n" });
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

describe("typos in front matter", () => {
  const check = (frontMatter: string) => validatePostSource("posts/p.md", `---\n${frontMatter}\n---\n`);

  test.each([
    ["drafts: true", "drafts", "draft"],
    ["tag: aws", "tag", "tags"],
    ["descripton: Text", "descripton", "description"],
    ["Title: Hello", "Title", "title"],
    ["seriesPrt: 2", "seriesPrt", "seriesPart"],
    ["permalnk: /x/", "permalnk", "permalink"],
  ])("%s is an error with the key meant", (line, key, meant) => {
    const problems = check(`title: T\ndate: 2024-01-01\n${line}`).filter((problem) => problem.field === key);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, message: expect.stringContaining(`did you mean ${meant}?`) });
  });

  test("Title: in capitals also leaves the title missing, and says which key was meant", () => {
    const problems = check("Title: Hello\ndate: 2024-01-01");
    expect(problems.map((problem) => problem.field)).toEqual(["title", "Title"]);
    expect(problems[1]!.message).toContain("did you mean title? Rename it to title (keys are case-sensitive)");
  });

  test("Eleventy's own keys, the blog's and declared ones are fine; a key far from any is reported without a guess", () => {
    expect(check("title: T\ndate: 2024-01-01\npermalink: /x/\neleventyExcludeFromCollections: true\neleventyComputed:\n  a: b\nseries: S\nseriesPart: 1\nsitemap: false")).toEqual([]);
    expect(check("title: T\ndate: 2024-01-01\nfavouriteColour: blue")[0]).toMatchObject({ field: "favouriteColour", message: expect.stringContaining("declare your own key in src/front-matter-keys.ts") });
  });

  test("a tag that swallowed the next list item (mis-indented YAML) is reported", () => {
    const problems = check("title: T\ndate: 2024-01-01\ntags:\n  - serverless\n  - aws\n    - lambda");
    expect(problems).toEqual([expect.objectContaining({ field: "tags", line: 4, value: "aws - lambda", message: expect.stringContaining("mis-indented YAML") })]);
  });
});
