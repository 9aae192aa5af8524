import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { generatePost, SITE_IDS } from "../helpers/raw-html-ids.ts";
import { run } from "../helpers/cli.ts";
import { makeFixture, post, projectRoot } from "../helpers/site.ts";

/** How scripts/check.ts introduces a problem the build found while rendering. */
const BUILD_ERROR_PREFIX = "the site does not build: ";

let input: string | undefined;
afterAll(() => (input ? rm(input, { recursive: true, force: true }) : undefined));

test("npm run check reports ids in a post's raw HTML that cannot be unique on its page, at file:line", async () => {
  // Two ids written twice and two ids the blog writes, in forms chosen by the generator.
  const generated = generatePost(5, ["setup", "feeds", SITE_IDS[0]!, "main", "setup", "feeds"]);
  const source = post("title: Raw ids\ndate: 2024-01-01", generated.body);
  const firstBodyLine = source.slice(0, source.indexOf(generated.body)).split("\n").length;
  input = await makeFixture({ posts: { "raw-ids.md": source } });
  const result = await run([join(projectRoot, "scripts/check.ts")], { cwd: input });
  expect(result.code).toBe(1);
  const errors = result.stdout.split("\n").filter((line) => line.startsWith("error"));
  // The generator shuffles its pieces: find each id's first and later places in the post.
  const where = (line: number) => `posts/raw-ids.md:${firstBodyLine + line}`;
  const first = new Map<string, string>();
  const expected: string[] = [];
  for (const { value, line } of generated.ids) {
    if (first.has(value)) expected.push(`${where(line)}  ${BUILD_ERROR_PREFIX}the id "${value}" is already written at ${first.get(value)}`);
    else if (value === "main" || value.includes("_")) expected.push(`${where(line)}  ${BUILD_ERROR_PREFIX}the id "${value}" `);
    if (!first.has(value)) first.set(value, where(line));
  }
  expect(expected).toHaveLength(4);
  expect(errors).toHaveLength(4);
  errors.forEach((line, i) => expect(line.replace(/^error\s+/, "")).toContain(expected[i]!));
});
