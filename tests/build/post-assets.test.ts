import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { run } from "../helpers/cli.ts";
import { buildSite, post, projectRoot, type BuiltSite } from "../helpers/site.ts";
import { join } from "node:path";
import { DOMParser } from "linkedom";

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

/**
 * Only Markdown files in posts/ are posts: every other file beside a post, in
 * a clean folder or one renamed for its URL, is copied byte for byte where the
 * post's relative links find it, and none becomes a page or a feed entry.
 * Eleventy's data files stay data and junk stays home.
 */
describe("files beside posts that are not Markdown are the posts' files", () => {
  // Each tempts Eleventy: front matter, template syntax, a whole <html> page.
  const TEMPTING = "---\ntitle: Not a post\ntags: [posts]\n---\n<html><body>{{ title }} {% if true %}x{% endif %} <<< ./base.njk</body></html>\n";
  const EXTENSIONS = ["njk", "html", "liquid", "js", "json", "txt", "11ty.js", "mjs", "yaml", "ts"];
  const FOLDERS = [{ folder: "trip", url: "posts/trip" }, { folder: "My Trip", url: "posts/my-trip" }, { folder: "2024-01-01-log", url: "posts/2024-01-01-log" }];
  const posts: Record<string, string> = { "flat.md": post("title: Flat\ndate: 2024-01-03") };
  const files: Record<string, string> = {
    // Data: directory data, template data (.json beside the post), .11tydata.
    "posts/trip/trip.json": JSON.stringify({ tags: ["from-directory-data"] }),
    "posts/flat.json": JSON.stringify({ tags: ["from-template-data"] }),
    "posts/My Trip/index.11tydata.json": JSON.stringify({ tags: ["from-11tydata"] }),
    // Junk.
    "posts/trip/.DS_Store": "junk",
    "posts/.obsidian/workspace.json": "{}",
    "posts/trip/Thumbs.db": "junk",
  };
  const copied: Array<{ source: string; output: string; content: string }> = [];
  for (const [index, { folder, url }] of FOLDERS.entries()) {
    const links = EXTENSIONS.map((ext) => `[${ext}](file-${ext.replace(/\./g, "-")}.${ext})`).join(" ");
    posts[`${folder}/index.md`] = post(`title: ${folder}\ndate: 2024-01-0${index + 1}`, `Files: ${links}`);
    for (const ext of EXTENSIONS) {
      const name = `file-${ext.replace(/\./g, "-")}.${ext}`;
      const content = `${TEMPTING}<!-- ${folder}/${name} -->\n`;
      files[`posts/${folder}/${name}`] = content;
      copied.push({ source: `posts/${folder}/${name}`, output: `${url}/${name}`, content });
    }
  }
  let site: BuiltSite;
  beforeAll(async () => { site = await buildSite({ posts, files }); });
  afterAll(() => site?.cleanup());

  test("every one is published byte for byte at the path the post's relative link resolves to", async () => {
    const written = new Set(await site.files());
    for (const { source, output, content } of copied) {
      expect(written.has(output), `${source} → ${output}`).toBe(true);
      expect(await site.read(output), source).toBe(content);
    }
    for (const { url } of FOLDERS) {
      const doc = await site.page(`${url}/index.html`);
      const hrefs = [...doc.querySelectorAll("article a[href^='file-'], article a[href*='/file-']")].map((a) => new URL(a.getAttribute("href")!, `https://example.com/${url}/`).pathname.slice(1));
      expect(hrefs.sort()).toEqual(copied.filter((file) => file.output.startsWith(`${url}/`)).map((file) => file.output).sort());
    }
  });

  test("none is a page: the only pages under posts/ are the Markdown posts'", async () => {
    const pages = (await site.files()).filter((file) => file.startsWith("posts/") && file.endsWith("/index.html"));
    expect(pages.sort()).toEqual([...FOLDERS.map(({ url }) => `${url}/index.html`), "posts/flat/index.html"].sort());
  });

  test("none is a post: the feeds and the sitemap list the Markdown posts only", async () => {
    const titles = ["Flat", ...FOLDERS.map(({ folder }) => folder)].sort();
    const xml = (path: string, selector: string) => [...new DOMParser().parseFromString(path, "text/xml").querySelectorAll(selector)].map((node) => node.textContent ?? "");
    expect(xml(await site.read("feed.xml"), "item > title").sort()).toEqual(titles);
    expect(xml(await site.read("atom.xml"), "entry > title").sort()).toEqual(titles);
    expect((JSON.parse(await site.read("feed.json")) as { items: Array<{ title: string }> }).items.map((item) => item.title).sort()).toEqual(titles);
    const locs = xml(await site.read("sitemap.xml"), "url > loc").map((loc) => new URL(loc).pathname).filter((path) => path.startsWith("/posts/"));
    expect(locs.sort()).toEqual(["/posts/flat/", ...FOLDERS.map(({ url }) => `/${url}/`)].sort());
  });

  test("data files still act as data and are not published; junk is not published", async () => {
    const written = await site.files();
    for (const tag of ["from-directory-data", "from-template-data", "from-11tydata"]) expect(written, tag).toContain(`tags/${tag}/index.html`);
    for (const path of ["posts/trip/trip.json", "posts/flat.json", "posts/my-trip/index.11tydata.json", "posts/My Trip/index.11tydata.json", "posts/trip/.DS_Store", "posts/trip/Thumbs.db", "posts/.obsidian/workspace.json"]) {
      expect(written, path).not.toContain(path);
    }
  });
});
