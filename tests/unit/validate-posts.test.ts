import { describe, expect, test } from "vitest";
import { parseFrontMatterDate } from "../../src/front-matter-schema.ts";
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
  test.each(["2023-13-45", "2023-02-29", "yesterday", "2024", "2024-05", "2024-W05", "", "18/03/2024"])("rejects %j", (text) => {
    expect(parseFrontMatterDate(text)).toBeUndefined();
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
