import { existsSync } from "node:fs";
import { mkdir, readFile, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { DOMParser } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runEleventy } from "../helpers/cli.ts";
import { buildSite, makeFixture, post, projectRoot, type BuiltSite } from "../helpers/site.ts";

const photo = () => readFile(join(projectRoot, "tests/fixtures/photo-1200x800.jpg"));

describe("images in posts", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({
      posts: {
        "trip/index.md": post("title: A trip\ndate: 2024-01-01", "Intro.\n\n![A blue *square* sky](photo.jpg)\n\n![Remote](https://example.com/remote.png)\n\n![Quotes \"in\" <alt> & more](photo.jpg 'A \"quoted\" <title> & more')\n\n![The icon](/favicon.svg) ![The photo again](/posts/trip/photo.jpg)"),
        "draft.md": post("title: A draft\ndate: 2024-06-06\ndraft: true", "Unfinished."),
      },
      files: { "posts/trip/photo.jpg": await photo() },
    });
  });
  afterAll(() => site?.cleanup());

  test("an image beside its post becomes a <picture> with AVIF and WebP, dimensions, lazy loading and its alt text", async () => {
    const doc = await site.page("posts/trip/index.html");
    const picture = doc.querySelector("article picture")!;
    expect([...picture.querySelectorAll("source")].map((source) => source.getAttribute("type"))).toEqual(["image/avif", "image/webp"]);
    const img = picture.querySelector("img")!;
    expect([img.getAttribute("width"), img.getAttribute("height")]).toEqual(["1200", "800"]);
    expect(img.getAttribute("loading")).toBe("lazy");
    expect(img.getAttribute("decoding")).toBe("async");
    expect(img.getAttribute("alt")).toBe("A blue square sky");
    // No title written by the author, so none in the markup (never title="undefined").
    expect(img.hasAttribute("title")).toBe(false);
    expect(img.getAttribute("src")).toMatch(/^\/img\/.+\.jpeg$/);
  });

  test("alt and title with quotes, angle brackets and ampersands stay attribute values, and src survives", async () => {
    const doc = await site.page("posts/trip/index.html");
    const img = doc.querySelectorAll("article picture img")[1]!;
    expect(img.getAttribute("alt")).toBe('Quotes "in" <alt> & more');
    expect(img.getAttribute("title")).toBe('A "quoted" <title> & more');
    expect(img.getAttribute("src")).toMatch(/^\/img\/.+\.jpeg$/);
    expect(img.getAttribute("srcset")).toContain("1200w");
  });

  test("every file the markup points at was written", async () => {
    const doc = await site.page("posts/trip/index.html");
    const urls = [...doc.querySelectorAll("picture source, picture img")].flatMap((element) => element.getAttribute("srcset")!.split(", ").map((entry) => entry.split(" ")[0]!));
    const files = await site.files();
    for (const url of urls) expect(files).toContain(url.slice(1));
  });

  test("site-rooted images, from public/ or a post's folder, are left as written", async () => {
    const doc = await site.page("posts/trip/index.html");
    for (const src of ["/favicon.svg", "/posts/trip/photo.jpg"]) {
      const img = doc.querySelector(`article img[src="${src}"]`);
      expect(img).not.toBeNull();
      expect(img!.closest("picture")).toBeNull();
    }
  });

  test("remote images are left as written", async () => {
    const doc = await site.page("posts/trip/index.html");
    expect(doc.querySelector('img[src="https://example.com/remote.png"]')?.closest("picture")).toBeNull();
  });

  test("drafts are not in the sitemap", async () => {
    const xml = new DOMParser().parseFromString(await site.read("sitemap.xml"), "text/xml");
    const locs = [...xml.querySelectorAll("url > loc")].map((loc) => loc.textContent);
    expect(locs).toContain("https://blog.example.com/posts/trip/");
    expect(locs).not.toContain("https://blog.example.com/posts/draft/");
  });
});

describe("an image from outside posts/ and public/", () => {
  /** Posts at every depth, each naming the project's secret.png (beside posts/) by another spelling of the way out. */
  function escapingPosts(): Array<{ name: string; src: string }> {
    const cases: Array<{ name: string; src: string }> = [];
    for (let depth = 0; depth <= 3; depth++) {
      const folder = "n/".repeat(depth);
      const up = "../".repeat(depth + 1);
      cases.push({ name: `${folder}dots.md`, src: `${up}secret.png` });
      cases.push({ name: `${folder}escaped.md`, src: `${up.replace(/\.\./g, "%2e%2e")}secret.png` });
      // Markdown reads `\\` as one backslash (a backslash before a dot escapes the dot).
      cases.push({ name: `${folder}backslash.md`, src: `${up.replace(/\//g, "\\\\")}secret.png` });
      cases.push({ name: `${folder}down-up.md`, src: `./n/${up}../secret.png` });
    }
    cases.push({ name: "link.md", src: "link-out.png" });
    cases.push({ name: "rooted.md", src: "/../secret.png" });
    cases.push({ name: "public-link.md", src: "/img-link/secret.png" });
    return cases;
  }

  /** Where the image is in the body (post() starts it on line 6): alone, after a paragraph, within a paragraph. */
  const PLACES = [{ before: "", lines: 0 }, { before: "Text.\n\n", lines: 2 }, { before: "Some text\nand then ", lines: 1 }];

  test("fails the build at each post's line, naming the image and the folders it must be in; nothing is published", async () => {
    const cases = escapingPosts();
    const input = await makeFixture({
      posts: Object.fromEntries(cases.map(({ name, src }, index) => [name, post("title: Out\ndate: 2024-01-01", `${PLACES[index % 3]!.before}![A secret](${src})`)])),
      files: { "secret.png": await photo(), "outside/secret.png": await photo() },
    });
    // A symbolic link inside posts/ to a file outside it, and one in public/ (the fixture's own, not the project's) to a folder outside it.
    await symlink(join(input, "secret.png"), join(input, "posts", "link-out.png"));
    await rm(join(input, "public"));
    await mkdir(join(input, "public"));
    await symlink(join(input, "outside"), join(input, "public", "img-link"));
    try {
      const result = await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" });
      expect(result.code).not.toBe(0);
      cases.forEach(({ name, src }, index) => {
        const written = src.replace(/\\\\/g, "%5C");
        expect(result.stderr).toContain(`posts/${name}:${6 + PLACES[index % 3]!.lines}  image "${written}" is outside`);
      });
      expect(existsSync(join(input, "_site"))).toBe(false);
    } finally {
      await rm(input, { recursive: true, force: true });
    }
  });
});

describe("a missing image", () => {
  test("fails the build with an error naming the post and the image path", async () => {
    const input = await makeFixture({
      posts: {
        "broken.md": post("title: Broken\ndate: 2024-01-01", "![Gone](missing/photo.png)"),
        "rooted.md": post("title: Rooted\ndate: 2024-01-01", "Text.\n\n![Gone](/img/nope.png)"),
      },
    });
    const result = await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" }).finally(() => rm(input, { recursive: true, force: true }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("posts/broken.md");
    expect(result.stderr).toContain('image "missing/photo.png" not found');
    expect(result.stderr).toContain('posts/rooted.md:8  image "/img/nope.png" not found (looked for public/img/nope.png)');
  });
});
