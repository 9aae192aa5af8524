import { readFile, rm } from "node:fs/promises";
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
        "trip/index.md": post("title: A trip\ndate: 2024-01-01", "Intro.\n\n![A blue *square* sky](photo.jpg)\n\n![Remote](https://example.com/remote.png)\n\n![Quotes \"in\" <alt> & more](photo.jpg 'A \"quoted\" <title> & more')"),
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

describe("a missing image", () => {
  test("fails the build with an error naming the post and the image path", async () => {
    const input = await makeFixture({ posts: { "broken.md": post("title: Broken\ndate: 2024-01-01", "![Gone](missing/photo.png)") } });
    const result = await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" }).finally(() => rm(input, { recursive: true, force: true }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("posts/broken.md");
    expect(result.stderr).toContain('image "missing/photo.png" not found');
  });
});
