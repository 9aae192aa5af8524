import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { run, runEleventy } from "../helpers/cli.ts";
import { buildSite, makeFixture, post, projectRoot } from "../helpers/site.ts";

const fixtures: string[] = [];
afterAll(() => Promise.all(fixtures.map((dir) => rm(dir, { recursive: true, force: true }))));

const STALE = { "_site/posts/deleted-post/index.html": "<!doctype html><title>Deleted post</title>" };

/** The real CLI over a fixture whose _site/ still holds a page from an earlier build. */
async function buildOverStaleOutput(posts: Record<string, string>) {
  const input = await makeFixture({ posts, files: STALE });
  fixtures.push(input);
  return { input, result: await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" }) };
}

describe("a production build starts from an empty output folder", () => {
  test("a post turned draft between two `npm run build`s loses its page", async () => {
    const input = await makeFixture({ posts: { "kept.md": post("title: Kept\ndate: 2024-01-01"), "later-draft.md": post("title: Later draft\ndate: 2024-01-02") } });
    fixtures.push(input);
    const first = await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" });
    expect(first.code).toBe(0);
    expect(existsSync(join(input, "_site/posts/later-draft/index.html"))).toBe(true);

    await writeFile(join(input, "posts/later-draft.md"), post("title: Later draft\ndate: 2024-01-02\ndraft: true"));
    const second = await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" });
    expect(second.code).toBe(0);
    expect(existsSync(join(input, "_site/posts/later-draft/index.html"))).toBe(false);
    expect(existsSync(join(input, "_site/posts/kept/index.html"))).toBe(true);
  });

  test("a deleted post's old page is removed by an in-process build", async () => {
    const site = await buildSite({ posts: { "kept.md": post("title: Kept\ndate: 2024-01-01") }, files: STALE });
    fixtures.push(site.input);
    expect(await site.files()).not.toContain("posts/deleted-post/index.html");
    expect(await site.files()).toContain("posts/kept/index.html");
  });

  test("npm start (serve) also starts from an empty output folder", async () => {
    const site = await buildSite({ posts: { "kept.md": post("title: Kept\ndate: 2024-01-01") }, files: STALE, runMode: "serve" });
    fixtures.push(site.input);
    expect(await site.files()).not.toContain("posts/deleted-post/index.html");
    expect(await site.files()).toContain("posts/kept/index.html");
  });

  test("`npm run check` (in memory) leaves the output folder alone", async () => {
    const input = await makeFixture({ posts: { "kept.md": post("title: Kept\ndate: 2024-01-01") }, files: STALE });
    fixtures.push(input);
    const result = await run([join(projectRoot, "scripts/check.ts")], { cwd: input, env: { SEARCH_INDEX: "off", SOCIAL_CARDS: "off" } });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(input, "_site/posts/deleted-post/index.html"))).toBe(true);
  });

  test("a build failing on a broken link says so once, without a stack trace, and leaves no deployable output", async () => {
    const { input, result } = await buildOverStaleOutput({ "broken-link.md": post("title: Broken\ndate: 2024-01-01", "[gone](/posts/gone/)") });
    expect(result.code).toBe(1);
    const summary = "1 broken internal link (listed above). The build FAILED. ./_site/ is removed so that no broken or old build can be deployed.";
    expect(result.stderr.split(summary)).toHaveLength(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(input, "_site"))).toBe(false);
  });

  test("a build failing on a missing image leaves no pages behind", async () => {
    const { input, result } = await buildOverStaleOutput({ "missing-image.md": post("title: Missing\ndate: 2024-01-01", "![alt](missing.jpg)") });
    expect(result.code).toBe(1);
    // Once, at the image's line, without Eleventy's wrapped stack trace.
    expect(result.stderr.split('./posts/missing-image.md:6  image "missing.jpg" not found')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain("Original error stack trace");
    expect(existsSync(join(input, "_site"))).toBe(false);
  });
});
