import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { run } from "../helpers/cli.ts";
import { makeFixture, post, projectRoot } from "../helpers/site.ts";

let input: string | undefined;
afterAll(() => (input ? rm(input, { recursive: true, force: true }) : undefined));

test("npm run check reports a Mermaid statement the renderer would not draw, at its own line, as an error", async () => {
  // Front matter on lines 1–4, a blank line, so the fence opens on line 8 and `click` is on line 11.
  const body = "Intro.\n\n```mermaid\nflowchart LR\n  A[click here] --> B\n  click A \"https://example.com\"\n```\n";
  input = await makeFixture({ posts: { "clicky.md": post("title: Clicky\ndate: 2024-01-01", body) } });
  const result = await run([join(projectRoot, "scripts/check.ts")], { cwd: input });
  expect(result.code).toBe(1);
  expect(result.stderr).toBe("");
  const line = result.stdout.split("\n").find((text) => text.startsWith("error   posts/clicky.md:"));
  expect(line).toMatch(/^error {3}posts\/clicky\.md:11 {2}.*this Mermaid line is not drawn as written: `click`/);
});
