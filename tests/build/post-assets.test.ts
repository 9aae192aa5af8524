import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { run } from "../helpers/cli.ts";
import { buildSite, post, projectRoot, type BuiltSite } from "../helpers/site.ts";
import { join } from "node:path";

const POSTS = { "trip/index.md": post("title: Trip\ndate: 2024-01-01", "[Download](guide.pdf) and [the photo](photo.jpg).") };
const FILES = { "posts/trip/guide.pdf": "%PDF-1.4 fixture", "posts/trip/photo.jpg": new Uint8Array([0xff, 0xd8, 0xff]) };

describe("files beside a post are copied to the same path", () => {
  let site: BuiltSite;
  beforeAll(async () => { site = await buildSite({ posts: POSTS, files: FILES }); });
  afterAll(() => site?.cleanup());

  test("a folder post's PDF and photo are published next to its page, and its links resolve to them", async () => {
    const files = await site.files();
    expect(files).toContain("posts/trip/index.html");
    expect(files).toContain("posts/trip/guide.pdf");
    expect(files).toContain("posts/trip/photo.jpg");
    expect(await site.read("posts/trip/guide.pdf")).toBe("%PDF-1.4 fixture");
    const doc = await site.page("posts/trip/index.html");
    const href = doc.querySelector('article a[href$=".pdf"]')?.getAttribute("href");
    expect(new URL(href ?? "", "https://example.com/posts/trip/").pathname).toBe("/posts/trip/guide.pdf");
  });

  test("directory data is not copied as an asset", async () => {
    expect(await site.files()).not.toContain("posts/posts.json");
  });

  test("npm run check accepts the links too", async () => {
    const result = await run([join(projectRoot, "scripts/check.ts")], { cwd: site.input });
    expect(result.stdout).toContain("0 errors");
    expect(result.code).toBe(0);
  });
});
