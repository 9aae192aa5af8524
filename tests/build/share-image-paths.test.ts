import { existsSync } from "node:fs";
import { readFile, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runEleventy } from "../helpers/cli.ts";
import { buildSite, makeFixture, post, projectRoot } from "../helpers/site.ts";

/**
 * A post's share image (`image:`) follows the rule of every file a post names
 * (src/author-files.ts): anywhere inside posts/, never outside it, however
 * the path climbs and wherever a symbolic link leads.
 */

const photo = () => readFile(join(projectRoot, "tests/fixtures/photo-1200x800.jpg"));
// Single quotes: YAML reads a backslash in them as itself, and a plain value cannot start with %.
const frontMatter = (image: string) => `title: Shared\ndate: 2024-01-01\nimage: '${image}'\nimageAlt: A photo`;

describe("image: (the share image)", () => {
  test("from another folder inside posts/ is published as the post's og:image", async () => {
    const site = await buildSite({
      posts: { "trip/index.md": post(frontMatter("../shared/cover.jpg")) },
      files: { "posts/shared/cover.jpg": await photo() },
    });
    try {
      const content = (await site.page("posts/trip/index.html")).querySelector('meta[property="og:image"]')?.getAttribute("content") ?? "";
      expect(new URL(content).pathname).toMatch(/^\/img\/.+\.jpeg$/);
    } finally {
      await site.cleanup();
    }
  });

  test("from outside posts/, by any spelling or through a symbolic link, fails the build at its front matter line; nothing is published", async () => {
    const cases: Array<{ name: string; image: string }> = [];
    for (let depth = 0; depth <= 3; depth++) {
      const folder = "n/".repeat(depth);
      const up = "../".repeat(depth + 1);
      cases.push({ name: `${folder}dots.md`, image: `${up}secret.jpg` });
      cases.push({ name: `${folder}escaped.md`, image: `${up.replace(/\.\./g, "%2e%2e")}secret.jpg` });
      cases.push({ name: `${folder}backslash.md`, image: `${up.replace(/\//g, "\\")}secret.jpg` });
      cases.push({ name: `${folder}far.md`, image: `${up}../../../../../../etc/secret.jpg` });
    }
    cases.push({ name: "link.md", image: "link-out.jpg" });
    const input = await makeFixture({
      posts: Object.fromEntries(cases.map(({ name, image }) => [name, post(frontMatter(image))])),
      files: { "secret.jpg": await photo() },
    });
    await symlink(join(input, "secret.jpg"), join(input, "posts", "link-out.jpg"));
    try {
      const result = await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" });
      expect(result.code).not.toBe(0);
      // post() puts the front matter from line 2: image: is on line 4.
      for (const { name, image } of cases) expect(result.stderr).toContain(`posts/${name}:4  image: "${image}" is outside`);
      expect(existsSync(join(input, "_site"))).toBe(false);
    } finally {
      await rm(input, { recursive: true, force: true });
    }
  });
});
