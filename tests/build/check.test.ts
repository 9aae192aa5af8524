import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { run } from "../helpers/cli.ts";
import { makeFixture, post, projectRoot } from "../helpers/site.ts";

const SCRIPT = join(projectRoot, "scripts/check.ts");
const fixtures: string[] = [];
afterAll(() => Promise.all(fixtures.map((dir) => rm(dir, { recursive: true, force: true }))));

async function check(posts: Record<string, string>) {
  const input = await makeFixture({ posts });
  fixtures.push(input);
  return { input, result: await run([SCRIPT], { cwd: input }) };
}

describe("npm run check", () => {
  test("broken links and anchors are errors with file and line; nothing is written", async () => {
    const { input, result } = await check({
      "target.md": post("title: Target\ndate: 2024-01-01", "## Real heading\n\nText."),
      "linker.md": post("title: Linker\ndate: 2024-01-02", "First line.\n\n[gone](/posts/gone/)\n\n[bad anchor](/posts/target/#fake-heading) [good](/posts/target/#real-heading)"),
    });
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines).toContain("error   posts/linker.md:8  link to /posts/gone/ is broken: no page or file is built at /posts/gone/");
    expect(lines.some((line) => line.startsWith("error   posts/linker.md:10  link to /posts/target/#fake-heading is broken"))).toBe(true);
    expect(result.stdout).toContain("2 errors, 0 warnings.");
    expect(existsSync(join(input, "_site"))).toBe(false);
  });

  test("a link to a post's source file is checked: a published one resolves, any other is an error at the link's line", async () => {
    const { result } = await check({
      "target.md": post("title: Target\ndate: 2024-01-01", "## Real heading\n\nText."),
      "draft.md": post("title: Draft\ndate: 2024-01-01\ndraft: true"),
      "good.md": post("title: Good\ndate: 2024-01-02", "[target](./target.md#real-heading) and [again](/posts/target.md)"),
      "to-draft.md": post("title: To draft\ndate: 2024-01-02", "Intro.\n\nA paragraph\nthat links [the draft](./draft.md)."),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const errors = result.stdout.split("\n").filter((line) => line.startsWith("error"));
    expect(errors).toEqual([expect.stringMatching(/^error {3}posts\/to-draft\.md:9 {2}.*links to "\.\/draft\.md" \(posts\/draft\.md\), which is a draft \(`draft: true`\)/)]);
  });

  test("the same broken link twice is reported at each of its lines", async () => {
    const { result } = await check({ "twice.md": post("title: Twice\ndate: 2024-01-02", "[a](/posts/gone/)\n\nText.\n\n[b](/posts/gone/)") });
    expect(result.code).toBe(1);
    const errors = result.stdout.split("\n").filter((line) => line.startsWith("error"));
    expect(errors.map((line) => line.split(/\s+/)[1])).toEqual(["posts/twice.md:6", "posts/twice.md:10"]);
  });

  test("unknown fence languages, mojibake and control characters are warnings with file and line; exit 0", async () => {
    const { result } = await check({
      "warnings.md": post("title: Warnings\ndate: 2024-01-01", "Fine text.\n\n```klingon\nqapla'\n```\n\n```python\nprint(1)\n```\n\nIt\u00e2\u20ac\u2122s broken.\n\nPasted from a terminal: \u001b[0m done."),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.some((line) => line.startsWith('warning posts/warnings.md:8  code fence language "klingon" is unknown to Prism'))).toBe(true);
    expect(lines.some((line) => line.startsWith("warning posts/warnings.md:16  \"\u00e2\u20ac\u2122\" looks like mojibake"))).toBe(true);
    expect(lines).toContain("warning posts/warnings.md:18  contains the control character U+001B, which XML and HTML forbid (pasted from a PDF or a terminal?): the build removes it from pages and feeds; delete it here");
    expect(result.stdout).toContain("0 errors, 3 warnings.");
  });

  test("a missing image is an error finding on the post that shows it", async () => {
    const { result } = await check({ "missing-image.md": post("title: Missing\ndate: 2024-01-01", "![alt](missing.jpg)") });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    // At the image's own line (the front matter takes lines 1–4).
    expect(result.stdout.split("\n").some((line) => line.startsWith('error   posts/missing-image.md:6  the site does not build: image "missing.jpg" not found'))).toBe(true);
  });

  test("schema problems are errors, and the real posts are clean", async () => {
    const bad = await check({ "bad.md": post("title: Bad\ndate: 2023-13-45") });
    expect(bad.result.code).toBe(1);
    // Findings, not a stack trace. (The same path reports two tags with one URL: tests/build/tags-feeds.test.ts.)
    expect(bad.result.stderr).toBe("");
    expect(bad.result.stdout).toContain('error   posts/bad.md:3  date ("2023-13-45") must be a real calendar date');
    const real = await run([SCRIPT], { cwd: projectRoot });
    expect(real.stdout).toContain("0 errors, 0 warnings.");
    expect(real.code).toBe(0);
  });
});
