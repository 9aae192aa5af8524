import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { Ajv } from "ajv";
import ajvFormats from "ajv-formats";
import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Eleventy from "@11ty/eleventy";
import { DOMParser } from "linkedom";
import { mf2 } from "microformats-parser";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runEleventy, type CliResult } from "../helpers/cli.ts";
import { buildSite, makeFixture, post, projectRoot, type BuiltSite } from "../helpers/site.ts";
import { runVnu } from "../helpers/vnu.ts";

const ORIGIN = "https://blog.example.com";
const PREFIX = "/blog/";
const PHOTO = readFileSync(join(projectRoot, "tests/fixtures/photo-1200x800.jpg"));
const AUTHOR = {
  name: "Ada Example",
  url: "/about/",
  me: ["https://mastodon.example/@ada", "https://github.com/ada-example"],
  fediverse: "@ada@mastodon.example",
};

const POSTS = {
  "cold-starts.md": post("title: Cold starts, measured\ndate: 2024-03-18\nupdated: 2024-04-02\ntags: [serverless, performance]\ndescription: What a cold start costs."),
  "with-photo.md": post('title: A post with its own picture\ndate: 2024-03-10\ntags: serverless\nimage: photo.jpg\nimageAlt: "Servers in a rack"'),
  "hebrew.md": post('title: "שרתים בלתי נראים"\ndate: 2024-03-01\ntags: serverless'),
};
const FILES = { "posts/photo.jpg": PHOTO };

/** Built file of an absolute URL of the site, which must be under the origin and the path prefix. */
function fileOf(site: BuiltSite, url: string): string {
  expect(url.startsWith(ORIGIN + PREFIX), `${url} is under ${ORIGIN}${PREFIX}`).toBe(true);
  return join(site.output, decodeURIComponent(url.slice((ORIGIN + PREFIX).length)));
}

function metaContents(doc: Document, property: string): string[] {
  return [...doc.querySelectorAll(`meta[property="${property}"], meta[name="${property}"]`)].map((meta) => meta.getAttribute("content") ?? "");
}

/** Every PNG card of a build, by path under the output folder. */
async function cards(site: BuiltSite): Promise<Map<string, Buffer>> {
  const files = (await site.files()).filter((file) => file === "social-card.png" || file.startsWith("social-cards/"));
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(join(site.output, file))] as const)));
}

/** Builds the fixture again in its own folder, as `npm run build` run a second time would (same cache folder). */
async function rebuild(site: BuiltSite): Promise<void> {
  const previous = process.cwd();
  const env = { SEARCH_INDEX: process.env.SEARCH_INDEX, SOCIAL_CARDS: process.env.SOCIAL_CARDS };
  process.env.SEARCH_INDEX = "off";
  process.env.SOCIAL_CARDS = "on";
  process.chdir(site.input);
  try {
    await new Eleventy(".", "_site", { quietMode: true, configPath: join(site.input, "eleventy.fixture-config.mjs"), pathPrefix: PREFIX }).write();
  } finally {
    process.chdir(previous);
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe("sharing, with social cards on, under a path prefix", () => {
  let site: BuiltSite;
  let firstCards: Map<string, Buffer>;
  beforeAll(async () => {
    site = await buildSite({ posts: POSTS, files: FILES, socialCards: true, pathPrefix: PREFIX, site: { author: AUTHOR } });
    firstCards = await cards(site);
  });
  afterAll(() => site?.cleanup());

  const PAGES = ["posts/cold-starts/index.html", "posts/with-photo/index.html", "posts/hebrew/index.html", "tags/serverless/index.html", "index.html", "about/index.html", "404.html"];

  test.each(PAGES)("%s: exactly one og:image, og:title and og:description; URLs absolute under the prefix", async (page) => {
    const doc = await site.page(page);
    for (const property of ["og:image", "og:title", "og:description", "og:url", "og:image:width", "og:image:height", "og:image:type", "og:image:alt"]) {
      expect(metaContents(doc, property), property).toHaveLength(1);
      expect(metaContents(doc, property)[0], property).not.toBe("");
    }
    fileOf(site, metaContents(doc, "og:url")[0]!);
    expect(metaContents(doc, "twitter:card")).toEqual(["summary_large_image"]);
  });

  test.each(PAGES)("%s: og:image is a built file of the size and type the head states", async (page) => {
    const doc = await site.page(page);
    const metadata = await sharp(await readFile(fileOf(site, metaContents(doc, "og:image")[0]!))).metadata();
    expect(`image/${metadata.format}`).toBe(metaContents(doc, "og:image:type")[0]);
    expect([String(metadata.width), String(metadata.height)]).toEqual([metaContents(doc, "og:image:width")[0], metaContents(doc, "og:image:height")[0]]);
  });

  test("a post gets its own 1200×630 card, a page without a post the site card, and a Hebrew title the site card", async () => {
    const image = async (page: string) => metaContents(await site.page(page), "og:image")[0]!;
    const siteCard = `${ORIGIN}${PREFIX}social-card.png`;
    expect(await image("posts/cold-starts/index.html")).toMatch(new RegExp(`^${ORIGIN}${PREFIX}social-cards/posts/cold-starts\\.[0-9a-f]{10}\\.png$`));
    expect(await image("index.html")).toBe(siteCard);
    expect(await image("tags/serverless/index.html")).toBe(siteCard);
    expect(await image("posts/hebrew/index.html")).toBe(siteCard);
    const card = await sharp(await readFile(fileOf(site, await image("posts/cold-starts/index.html")))).metadata();
    expect([card.format, card.width, card.height]).toEqual(["png", 1200, 630]);
  });

  test("a post's own image: through eleventy-img, 1200 wide JPEG, with its alt text", async () => {
    const doc = await site.page("posts/with-photo/index.html");
    expect(metaContents(doc, "og:image")[0]).toMatch(new RegExp(`^${ORIGIN}${PREFIX}img/.+-1200\\.jpeg$`));
    expect(metaContents(doc, "og:image:alt")).toEqual(["Servers in a rack"]);
    expect(metaContents(doc, "og:image:type")).toEqual(["image/jpeg"]);
  });

  test("JSON-LD carries the same image", async () => {
    const doc = await site.page("posts/cold-starts/index.html");
    const data = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(data.image).toEqual({ "@type": "ImageObject", url: metaContents(doc, "og:image")[0], width: 1200, height: 630 });
  });

  test("feeds: JSON Feed `image` and Media RSS in RSS and Atom for posts with a card or an image; none for the site card", async () => {
    const ogImage = async (slug: string) => metaContents(await site.page(`posts/${slug}/index.html`), "og:image")[0]!;
    const expected = new Map([
      [`${ORIGIN}${PREFIX}posts/cold-starts/`, await ogImage("cold-starts")],
      [`${ORIGIN}${PREFIX}posts/with-photo/`, await ogImage("with-photo")],
    ]);
    const json = JSON.parse(await site.read("feed.json")) as { items: Array<{ url: string; image?: string }> };
    expect(new Map(json.items.filter((item) => item.image).map((item) => [item.url, item.image]))).toEqual(expected);
    expect(json.items).toHaveLength(3);

    for (const [file, entry, link] of [["feed.xml", "item", "link"], ["atom.xml", "entry", "id"]] as const) {
      const doc = new DOMParser().parseFromString(await site.read(file), "text/xml");
      const found = new Map<string, string>();
      for (const item of doc.querySelectorAll(entry)) {
        const media = item.getElementsByTagName("media:content");
        if (media.length === 0) continue;
        expect(media).toHaveLength(1);
        expect(media[0]!.getAttribute("medium")).toBe("image");
        expect(Number(media[0]!.getAttribute("width"))).toBeGreaterThan(0);
        expect(media[0]!.getAttribute("type")).toMatch(/^image\/(png|jpeg)$/);
        found.set(item.querySelector(link)!.textContent!.trim(), media[0]!.getAttribute("url")!);
      }
      expect(found, file).toEqual(expected);
      expect(doc.documentElement.getAttribute("xmlns:media")).toBe("http://search.yahoo.com/mrss/");
    }
  });

  test("feeds with Media RSS stay valid: Atom against RFC 4287's RELAX NG, RSS in feedparser (which reads the media), JSON Feed against its schema", async () => {
    const run = promisify(execFile);
    // jing exits non-zero and prints the errors on stdout when the feed is invalid.
    const jing = await run("jing", ["-c", join(projectRoot, "tests/schemas/atom.rnc"), join(site.output, "atom.xml")]).then(({ stdout }) => stdout, (error: { stdout?: string; message: string }) => error.stdout || error.message);
    expect(jing).toBe("");
    const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const script = "import feedparser, json, sys\nd = feedparser.parse(open(sys.argv[1], 'rb').read())\nprint(json.dumps({'bozo': bool(d.bozo), 'media': [[m.get('url') for m in e.get('media_content', [])] for e in d.entries]}))";
    const parsed = JSON.parse((await run(python, ["-c", script, join(site.output, "feed.xml")])).stdout) as { bozo: boolean; media: string[][] };
    expect(parsed.bozo).toBe(false);
    expect(parsed.media.filter((urls) => urls.length).length).toBe(2);
    const ajv = new Ajv({ allErrors: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(await readFile(join(projectRoot, "node_modules/jsonfeed-schema/schema-v1.1.json"), "utf8")) as object);
    expect(validate(JSON.parse(await site.read("feed.json"))), JSON.stringify(validate.errors)).toBe(true);
  });

  test("a post is an h-entry with name, dates, author h-card, content, URL and categories", async () => {
    const html = await site.read("posts/cold-starts/index.html");
    const parsed = mf2(html, { baseUrl: `${ORIGIN}${PREFIX}posts/cold-starts/` });
    const entries = parsed.items.filter((item) => item.type?.includes("h-entry"));
    expect(entries).toHaveLength(1);
    const { properties } = entries[0]!;
    expect(properties.name).toEqual(["Cold starts, measured"]);
    expect(properties.published).toEqual(["2024-03-18"]);
    expect(properties.updated).toEqual(["2024-04-02"]);
    expect(properties.url).toEqual([`${ORIGIN}${PREFIX}posts/cold-starts/`]);
    expect(properties.category).toEqual(["serverless", "performance"]);
    const content = properties.content?.[0] as { html: string; value: string };
    expect(content.value).toContain("Some text.");
    const author = properties.author?.[0] as { type: string[]; properties: Record<string, unknown[]> };
    expect(author.type).toEqual(["h-card"]);
    expect(author.properties.name).toEqual([AUTHOR.name]);
    expect(author.properties.url).toEqual([`${ORIGIN}${PREFIX}about/`]);
  });

  test("rel=me profiles and fediverse:creator from site.author, in every head and on the About page's h-card", async () => {
    for (const page of ["index.html", "posts/cold-starts/index.html", "about/index.html"]) {
      const doc = await site.page(page);
      expect([...doc.querySelectorAll('head link[rel="me"]')].map((link) => link.getAttribute("href"))).toEqual(AUTHOR.me);
      expect(metaContents(doc, "fediverse:creator")).toEqual([AUTHOR.fediverse]);
    }
    const about = mf2(await site.read("about/index.html"), { baseUrl: `${ORIGIN}${PREFIX}about/` });
    expect(about.rels.me).toEqual(AUTHOR.me);
    const card = about.items.find((item) => item.type?.includes("h-card"))!;
    expect(card.properties.name).toEqual([AUTHOR.name]);
    expect(card.properties.url).toEqual([`${ORIGIN}${PREFIX}`, ...AUTHOR.me]);
  });

  test("pages with rel=me, fediverse:creator, the h-card and the byline pass the Nu HTML Checker", async () => {
    const pages = ["index.html", "about/index.html", "posts/cold-starts/index.html", "posts/with-photo/index.html"].map((page) => join(site.output, page));
    const errors = (await runVnu(pages)).filter((message) => message.type === "error");
    expect(errors).toEqual([]);
  });

  test("a second build copies every card from the cache, byte for byte; a damaged cache file is drawn again, identically", async () => {
    const cacheDir = join(site.input, ".cache/cards");
    const cached = (await readdir(cacheDir)).filter((file) => file.endsWith(".png")).sort();
    // The site card and the one card for cold-starts (with-photo has its own image, hebrew the site card).
    expect(cached).toHaveLength(2);
    expect(firstCards.size).toBe(2);
    const old = new Date("2001-01-01T00:00:00Z");
    for (const file of cached) await utimes(join(cacheDir, file), old, old);
    const damaged = cached[0]!;
    await writeFile(join(cacheDir, damaged), "not a PNG");

    await rebuild(site);

    const secondCards = await cards(site);
    expect([...secondCards.keys()]).toEqual([...firstCards.keys()]);
    for (const [file, bytes] of firstCards) expect(secondCards.get(file)!.equals(bytes), file).toBe(true);
    for (const file of cached) {
      const modified = (await stat(join(cacheDir, file))).mtime.getTime();
      if (file === damaged) expect(modified).toBeGreaterThan(old.getTime());
      else expect(modified, `${file} was copied, not drawn again`).toBe(old.getTime());
    }
    expect([...secondCards.values()].some((bytes) => bytes.equals(readFileSync(join(cacheDir, damaged))))).toBe(true);
  });
});

describe("with SOCIAL_CARDS=off (the test default)", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    // The same prefix as above: the memoised `url` filter (src/plugins/filters.ts) keeps its results for the process.
    site = await buildSite({ posts: POSTS, files: FILES, pathPrefix: PREFIX });
  });
  afterAll(() => site?.cleanup());

  test("posts share the site card, which is still drawn; a post's own image is still used; no rel=me when none is configured", async () => {
    const image = async (page: string) => metaContents(await site.page(page), "og:image")[0]!;
    expect(await image("posts/cold-starts/index.html")).toBe(`${ORIGIN}${PREFIX}social-card.png`);
    expect(await image("posts/with-photo/index.html")).toMatch(/\/img\/.+-1200\.jpeg$/);
    expect((await site.files()).filter((file) => file.startsWith("social-cards/"))).toEqual([]);
    const card = await sharp(await readFile(join(site.output, "social-card.png"))).metadata();
    expect([card.format, card.width, card.height]).toEqual(["png", 1200, 630]);
    const doc = await site.page("index.html");
    expect(doc.querySelectorAll('link[rel="me"]')).toHaveLength(0);
    expect(metaContents(doc, "fediverse:creator")).toEqual([]);
  });
});

describe("bad image front matter fails the build with file, line, field and fix", () => {
  // The schema's problems are reported all at once, in one run; a missing file is looked for only once the schema passes, so it has a run of its own.
  const CASES = [
    { name: "an image that does not exist", run: "files", file: "missing.md", source: post('title: Missing\ndate: 2024-01-01\nimage: nope.jpg\nimageAlt: "Nothing"'), where: 'posts/missing.md:4  image: "nope.jpg" not found', fix: "put the file beside the post" },
    { name: "an image without imageAlt", run: "schema", file: "no-alt.md", source: post("title: No alt\ndate: 2024-01-01\nimage: photo.jpg"), where: "posts/no-alt.md:1  imageAlt", fix: "add imageAlt:" },
    { name: "an image given as a URL", run: "schema", file: "url.md", source: post('title: URL\ndate: 2024-01-01\nimage: https://example.com/a.jpg\nimageAlt: "A"'), where: 'posts/url.md:4  image: "https://example.com/a.jpg"', fix: "not a URL" },
  ] as const;
  const inputs: string[] = [];
  const results = new Map<string, CliResult>();
  beforeAll(async () => {
    for (const run of new Set(CASES.map((c) => c.run))) {
      const input = await makeFixture({ posts: Object.fromEntries(CASES.filter((c) => c.run === run).map(({ file, source }) => [file, source])), files: FILES });
      inputs.push(input);
      results.set(run, await runEleventy(input, ["--quiet"], { SOCIAL_CARDS: "off", SEARCH_INDEX: "off" }));
    }
  });
  afterAll(() => Promise.all(inputs.map((dir) => rm(dir, { recursive: true, force: true }))));

  test.each(CASES)("$name", ({ run, where, fix }) => {
    const result = results.get(run)!;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(where);
    expect(result.stderr).toContain(fix);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
