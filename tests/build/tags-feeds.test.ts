import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { DOMParser, parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { site as siteData } from "../../src/site.ts";
import { buildSite, post, type BuiltSite } from "../helpers/site.ts";

const HOSTILE_TITLE = `<script>alert(1)</script> & Tom's "quotes"`;
const BIG = 25; // more than one tag page and more than the feed holds

function fixturePosts(): Record<string, string> {
  const posts: Record<string, string> = {
    "cpp.md": post("title: Templates in C++\ndate: 2024-03-01\ntags: [C++, Serverless]", "See [the C# post](/posts/csharp/) and [C](../c/#intro)."),
    "csharp.md": post("title: LINQ in C#\ndate: 2024-03-02\ntags: [C#]"),
    "c.md": post("title: Pointers in C\ndate: 2024-03-03\ntags:\n  - C\n  - posts", "## Intro\n\n![A diagram](/favicon.svg)"),
    "node.md": post("title: Streams in node.js\ndate: 2024-03-04\ntags: [node.js, CI/CD]"),
    "japanese.md": post("title: 日本語のテスト\ndate: 2024-03-05\ntags: [日本語]"),
    "plain-string.md": post("title: One tag as a string\ndate: 2024-03-06\ntags: serverless"),
    "hostile.md": post(`title: ${JSON.stringify(HOSTILE_TITLE)}\ndate: 2024-03-07\ntags: [security]`, "Escaping matters."),
  };
  for (let i = 1; i <= BIG; i++) {
    posts[`big-${String(i).padStart(2, "0")}.md`] = post(`title: Big post ${i}\ndate: 2023-01-${String(i).padStart(2, "0")}\ntags: [big]`);
  }
  return posts;
}

/** The file a root-relative or absolute site URL is served from. */
function fileFor(site: BuiltSite, url: string): string {
  const path = decodeURIComponent(new URL(url, siteData.url).pathname);
  return join(site.output, path.endsWith("/") ? `${path}index.html` : path);
}

describe("tags and feeds for any tag an author writes", () => {
  let site: BuiltSite;
  beforeAll(async () => { site = await buildSite({ posts: fixturePosts() }); });
  afterAll(() => site?.cleanup());

  test("the tag index lists every tag once, with its count, and no internal tags", async () => {
    const doc = await site.page("tags/index.html");
    const entries = [...doc.querySelectorAll(".tag-index li")].map((li) => [li.querySelector("a")!.textContent, li.querySelector(".tag-count")!.textContent]);
    expect(entries).toEqual([
      ["big", `(${BIG} posts)`],
      ["C", "(1 post)"],
      ["C#", "(1 post)"],
      ["C++", "(1 post)"],
      ["CI/CD", "(1 post)"],
      ["node.js", "(1 post)"],
      ["security", "(1 post)"],
      ["Serverless", "(2 posts)"],
      ["日本語", "(1 post)"],
    ]);
  });

  test("every tag page is reachable from the index and exists", async () => {
    const doc = await site.page("tags/index.html");
    const hrefs = [...doc.querySelectorAll(".tag-index a")].map((a) => a.getAttribute("href")!);
    expect(hrefs).toContain("/tags/c-plus-plus/");
    expect(hrefs).toContain("/tags/c-sharp/");
    expect(hrefs).toContain("/tags/c/");
    expect(hrefs).toContain("/tags/node-js/");
    expect(hrefs).toContain("/tags/ci-cd/");
    expect(hrefs).toContain("/tags/日本語/");
    for (const href of hrefs) expect(existsSync(fileFor(site, href)), href).toBe(true);
  });

  test("C++, C# and C each have their own page listing their own post", async () => {
    for (const [slug, title] of [["c-plus-plus", "Templates in C++"], ["c-sharp", "LINQ in C#"], ["c", "Pointers in C"]]) {
      const doc = await site.page(`tags/${slug}/index.html`);
      expect([...doc.querySelectorAll(".post-list h2")].map((h) => h.textContent)).toEqual([title]);
    }
  });

  test("Serverless and serverless are one tag with one spelling, and a plain-string tag counts", async () => {
    const doc = await site.page("tags/serverless/index.html");
    expect(doc.querySelector("h1")?.textContent).toBe("Posts tagged Serverless");
    expect([...doc.querySelectorAll(".post-list h2")].map((h) => h.textContent)).toEqual(["One tag as a string", "Templates in C++"]);
    const cpp = await site.page("posts/cpp/index.html");
    expect([...cpp.querySelectorAll('article a[rel="tag"]')].map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["C++", "/tags/c-plus-plus/"],
      ["Serverless", "/tags/serverless/"],
    ]);
    const plain = await site.page("posts/plain-string/index.html");
    expect([...plain.querySelectorAll('article a[rel="tag"]')].map((a) => a.textContent)).toEqual(["Serverless"]);
  });

  test("tag pages are paginated newest first, with previous and next links", async () => {
    const first = await site.page("tags/big/index.html");
    const second = await site.page("tags/big/page/2/index.html");
    const titles = (doc: Document) => [...doc.querySelectorAll(".post-list h2")].map((h) => h.textContent);
    expect(titles(first)).toHaveLength(siteData.tagPageSize);
    expect(titles(first)[0]).toBe(`Big post ${BIG}`);
    expect(titles(second)).toHaveLength(BIG - siteData.tagPageSize);
    expect(titles(second).at(-1)).toBe("Big post 1");
    expect(first.querySelector('a[rel="next"]')?.getAttribute("href")).toBe("/tags/big/page/2/");
    expect(first.querySelector('a[rel="prev"]')).toBeNull();
    expect(second.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe("/tags/big/");
    expect(second.querySelector('a[rel="next"]')).toBeNull();
    expect(existsSync(join(site.output, "tags/big/page/3"))).toBe(false);
  });

  test("every page advertises the site feeds; a tag page also its own feed, visibly", async () => {
    const home = await site.page("index.html");
    const alternates = (doc: Document) => [...doc.querySelectorAll('head link[rel="alternate"]')].map((l) => [l.getAttribute("type"), l.getAttribute("href")]);
    expect(alternates(home)).toEqual([
      ["application/rss+xml", "/feed.xml"],
      ["application/atom+xml", "/atom.xml"],
      ["application/feed+json", "/feed.json"],
    ]);
    // Visible links lead people to /subscribe/, which links each feed.
    expect([...home.querySelectorAll("footer a")].map((a) => a.getAttribute("href"))).toContain("/subscribe/");
    const subscribe = await site.page("subscribe/index.html");
    expect([...subscribe.querySelectorAll("main a")].map((a) => a.getAttribute("href"))).toEqual(expect.arrayContaining(["/feed.xml", "/atom.xml", "/feed.json", "/tags/c-plus-plus/feed.xml"]));
    const tag = await site.page("tags/c-plus-plus/index.html");
    expect(alternates(tag)).toContainEqual(["application/rss+xml", "/tags/c-plus-plus/feed.xml"]);
    // Its visible link goes to the tag's own entry on /subscribe/, which links the tag's feed.
    const visible = new URL(tag.querySelector("main a.feed-link")!.getAttribute("href")!, siteData.url);
    expect(visible.pathname).toBe("/subscribe/");
    const entry = subscribe.getElementById(decodeURIComponent(visible.hash.slice(1)));
    expect(entry?.querySelector('a[href="/tags/c-plus-plus/feed.xml"]')).not.toBeNull();
  });

  test("a hostile title is text on every page, never a live script", async () => {
    const page = await site.page("posts/hostile/index.html");
    expect(page.querySelector("h1")?.textContent).toBe(HOSTILE_TITLE);
    expect(page.querySelector("title")?.textContent).toBe(`${HOSTILE_TITLE} · ${siteData.title}`);
    for (const path of (await site.files()).filter((file) => file.endsWith(".html"))) {
      const doc = await site.page(path);
      const live = [...doc.querySelectorAll("script")].filter((script) => (script.textContent ?? "").includes("alert(1)") && script.getAttribute("type") !== "application/ld+json");
      expect(live, path).toHaveLength(0);
    }
  });

  test("sitemap.xml lists every page of every tag and the tag index, as absolute URLs of built files", async () => {
    const sitemap = parseHTML(await site.read("sitemap.xml"), "text/xml").document;
    const locs = [...sitemap.querySelectorAll("url > loc")].map((loc) => loc.textContent!);
    const index = await site.page("tags/index.html");
    const tagPages = [...index.querySelectorAll(".tag-index a")].map((a) => new URL(a.getAttribute("href")!, siteData.url).href);
    expect(tagPages).toHaveLength(9);
    expect(locs).toEqual(expect.arrayContaining([`${siteData.url}/tags/`, ...tagPages, `${siteData.url}/tags/big/page/2/`]));
    expect(new Set(locs).size).toBe(locs.length);
    for (const loc of locs) expect(existsSync(fileFor(site, loc)), loc).toBe(true);
  });

  describe("feeds", () => {
    const rss = async (path: string) => parseFeed(await site.read(path)).toJSON();

    test("RSS, Atom and JSON Feed hold the newest N posts, newest first, with their titles", async () => {
      const expected = ["<script>alert(1)</script> & Tom's \"quotes\"", "One tag as a string", "日本語のテスト", "Streams in node.js"];
      for (const path of ["feed.xml", "atom.xml"]) {
        const feed = await rss(path);
        expect(feed.items).toHaveLength(siteData.feedSize);
        expect(feed.items.slice(0, 4).map((item) => item.title)).toEqual(expected);
      }
      const json = JSON.parse(await site.read("feed.json"));
      expect(json.version).toBe("https://jsonfeed.org/version/1.1");
      expect(json.items).toHaveLength(siteData.feedSize);
      expect(json.items.slice(0, 4).map((item: { title: string }) => item.title)).toEqual(expected);
    });

    test("the hostile title parses back exactly, in a well-formed feed", async () => {
      const feed = await rss("atom.xml");
      expect(feed.items[0]!.title).toBe(HOSTILE_TITLE);
      const xml = parseHTML(await site.read("feed.xml"), "text/xml").document;
      expect(xml.querySelector("parsererror")).toBeNull();
      expect(xml.querySelector("item > title")?.textContent).toBe(HOSTILE_TITLE);
    });

    test("dates are RFC 822 in RSS and RFC 3339 in Atom, and parse to the post dates", async () => {
      const raw = parseHTML(await site.read("feed.xml"), "text/xml").document;
      expect(raw.querySelector("item > pubDate")?.textContent).toBe("Thu, 07 Mar 2024 00:00:00 +0000");
      const atom = parseHTML(await site.read("atom.xml"), "text/xml").document;
      expect(atom.querySelector("entry > published")?.textContent).toBe("2024-03-07T00:00:00Z");
      for (const path of ["feed.xml", "atom.xml"]) {
        expect(new Date((await rss(path)).items[0]!.published!).toISOString()).toBe("2024-03-07T00:00:00.000Z");
      }
    });

    test("every link, id and content URL is absolute and points at a file in the build", async () => {
      for (const path of ["feed.xml", "atom.xml"]) {
        const feed = await rss(path);
        for (const item of feed.items) {
          expect(item.url!.startsWith(`${siteData.url}/`)).toBe(true);
          expect(item.id).toBe(item.url);
          expect(existsSync(fileFor(site, item.url!)), item.url!).toBe(true);
        }
      }
      const json = JSON.parse(await site.read("feed.json"));
      const cpp = json.items.find((item: { title: string }) => item.title === "Templates in C++");
      const content = parseHTML(`<!doctype html><body>${cpp.content_html}</body>`).document;
      const hrefs = [...content.querySelectorAll("a")].map((a) => a.getAttribute("href")!);
      expect(hrefs).toEqual([`${siteData.url}/posts/csharp/`, `${siteData.url}/posts/c/#intro`]);
      for (const href of hrefs) expect(existsSync(fileFor(site, href)), href).toBe(true);
      const c = json.items.find((item: { title: string }) => item.title === "Pointers in C");
      const image = parseHTML(`<!doctype html><body>${c.content_html}</body>`).document.querySelector("img")!;
      expect(image.getAttribute("src")).toBe(`${siteData.url}/favicon.svg`);
      expect(existsSync(fileFor(site, image.getAttribute("src")!))).toBe(true);
    });

    test("each tag has its own feed with only its posts", async () => {
      const feed = await rss("tags/c-plus-plus/feed.xml");
      expect(feed.title).toBe(`${siteData.title}: C++`);
      expect(feed.items.map((item) => item.title)).toEqual(["Templates in C++"]);
      const japanese = await rss(`tags/日本語/feed.xml`);
      expect(japanese.self).toBe(`${siteData.url}/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/feed.xml`);
      expect(japanese.items.map((item) => item.title)).toEqual(["日本語のテスト"]);
      const big = await rss("tags/big/feed.xml");
      expect(big.items).toHaveLength(siteData.feedSize);
    });

    test("ids stay the same when the site is rebuilt", async () => {
      const again = await buildSite({ posts: fixturePosts() });
      try {
        for (const path of ["feed.xml", "atom.xml", "feed.json", "tags/big/feed.xml"]) {
          expect(await again.read(path), path).toBe(await site.read(path));
        }
      } finally {
        await again.cleanup();
      }
    });

    test("browsers are given a stylesheet that shows the feed as a page", async () => {
      for (const path of ["feed.xml", "atom.xml", "tags/c-plus-plus/feed.xml"]) {
        expect(await site.read(path), path).toContain('<?xml-stylesheet href="/feed.css" type="text/css"?>');
      }
      expect(existsSync(join(site.output, "feed.css"))).toBe(true);
    });
  });
});

describe("two tags that would share a URL", () => {
  test("fail the build before anything is written, naming both tags and their posts at their tags: line", async () => {
    const error: unknown = await buildSite({
      posts: {
        "dots.md": post("title: Dots\ndate: 2024-01-01\ntags: [node.js]"),
        "space.md": post("title: Space\ndate: 2024-01-02\ntags: [node js]"),
      },
    }).then(() => undefined, (caught: unknown) => caught);
    // The AuthoringError's report (src/build-status.ts; Eleventy loads its own copy of the module, so no instanceof).
    const report = String((error as { report?: unknown }).report);
    expect(report).toContain('posts/dots.md:4  tags\n    → tags holds "node.js", which would be published at the same URL as "node js" (posts/space.md)');
    expect(report).toContain('posts/space.md:4  tags\n    → tags holds "node js", which would be published at the same URL as "node.js" (posts/dots.md)');
  });
});

describe("tags, titles and dates as authors write them, in every feed and head", () => {
  const SITE_TITLE = "Bits & Bytes";
  const QUOTES = `Tom's "quotes"`;
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({
      site: { title: SITE_TITLE },
      posts: {
        "quoted-updated.md": post(`title: Quoted update\ndate: 2024-03-01\nupdated: "2024-03-19"\ntags: [R&D, ${JSON.stringify(QUOTES)}]`, "Intro.\n\n## First section\n\nText."),
        "unquoted-updated.md": post("title: Unquoted update\ndate: 2024-03-02\nupdated: 2024-03-20\ntags: [serverless, Serverless]"),
        "plain.md": post("title: Plain\ndate: 2024-03-03\ntags: [Serverless]"),
      },
    });
  });
  afterAll(() => site?.cleanup());

  const xml = async (path: string) => parseHTML(await site.read(path), "text/xml").document;
  const meta = (doc: Document, selector: string) => doc.querySelector(selector)?.getAttribute("content");
  /** An item's categories, read with an XML parser (feed-parser leaves `&#39;` in Atom attributes undecoded). */
  const categories = async (path: string, title: string) => {
    const doc = await xml(path);
    const item = [...doc.querySelectorAll("item, entry")].find((entry) => entry.querySelector("title")?.textContent === title)!;
    return [...item.querySelectorAll("category")].map((category) => category.getAttribute("term") ?? category.textContent);
  };
  const tagHref = async (name: string) => {
    const index = await site.page("tags/index.html");
    return [...index.querySelectorAll(".tag-index a")].find((a) => a.textContent === name)!.getAttribute("href")!;
  };

  test("tags with & and quotes, and a site title with &, are escaped exactly once on tag pages", async () => {
    for (const name of ["R&D", QUOTES]) {
      const href = await tagHref(name);
      const doc = await site.page(`${decodeURIComponent(href).slice(1)}index.html`);
      expect(doc.title).toBe(`${name} · ${SITE_TITLE}`);
      expect(meta(doc, 'meta[name="description"]')).toBe(`Posts tagged “${name}”.`);
      expect(meta(doc, 'meta[property="og:title"]')).toBe(name);
      expect(meta(doc, 'meta[property="og:site_name"]')).toBe(SITE_TITLE);
      expect(meta(doc, 'meta[name="twitter:description"]')).toBe(`Posts tagged “${name}”.`);
      const alternates = [...doc.querySelectorAll('head link[rel="alternate"]')].map((link) => link.getAttribute("title"));
      expect(alternates).toEqual([`${SITE_TITLE} (RSS)`, `${SITE_TITLE} (Atom)`, `${SITE_TITLE} (JSON Feed)`, `${SITE_TITLE}: ${name} (RSS)`]);

      const feed = parseFeed(await site.read(`${decodeURIComponent(href).slice(1)}feed.xml`)).toJSON();
      expect(feed.title).toBe(`${SITE_TITLE}: ${name}`);
      expect(feed.description).toBe(`Posts tagged “${name}” on ${SITE_TITLE}.`);
    }
  });

  test("the site feeds and a post's head carry the site title and tags escaped exactly once", async () => {
    for (const path of ["feed.xml", "atom.xml"]) {
      expect((await xml(path)).querySelector("parsererror"), path).toBeNull();
      const feed = parseFeed(await site.read(path)).toJSON();
      expect(feed.title, path).toBe(SITE_TITLE);
      expect(await categories(path, "Quoted update"), path).toEqual(["R&D", QUOTES]);
    }
    expect(JSON.parse(await site.read("feed.json")).title).toBe(SITE_TITLE);
    const doc = await site.page("posts/quoted-updated/index.html");
    expect(doc.title).toBe(`Quoted update · ${SITE_TITLE}`);
    expect(meta(doc, 'meta[property="og:site_name"]')).toBe(SITE_TITLE);
    expect([...doc.querySelectorAll('meta[property="article:tag"]')].map((tag) => tag.getAttribute("content"))).toEqual(["R&D", QUOTES]);
    expect([...doc.querySelectorAll('article a[rel="tag"]')].map((a) => a.textContent)).toEqual(["R&D", QUOTES]);
  });

  test("a tag written twice in two cases is one tag everywhere, in the tag index's spelling", async () => {
    const doc = await site.page("posts/unquoted-updated/index.html");
    expect([...doc.querySelectorAll('article a[rel="tag"]')].map((a) => [a.textContent, a.getAttribute("href")])).toEqual([["Serverless", "/tags/serverless/"]]);
    expect([...doc.querySelectorAll('meta[property="article:tag"]')].map((tag) => tag.getAttribute("content"))).toEqual(["Serverless"]);
    expect(JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!).keywords).toEqual(["Serverless"]);
    for (const path of ["feed.xml", "atom.xml", "tags/serverless/feed.xml"]) {
      expect(await categories(path, "Unquoted update"), path).toEqual(["Serverless"]);
    }
    const json = JSON.parse(await site.read("feed.json"));
    expect(json.items.find((item: { title: string }) => item.title === "Unquoted update").tags).toEqual(["Serverless"]);
  });

  test("`updated`, quoted or not, is the modified date in Atom, JSON Feed, the SEO head and the sitemap", async () => {
    const atom = await xml("atom.xml");
    const atomUpdated = Object.fromEntries([...atom.querySelectorAll("entry")].map((entry) => [entry.querySelector("title")!.textContent, entry.querySelector("updated")!.textContent]));
    expect(atomUpdated).toEqual({ "Quoted update": "2024-03-19T00:00:00Z", "Unquoted update": "2024-03-20T00:00:00Z", Plain: "2024-03-03T00:00:00Z" });
    const json = JSON.parse(await site.read("feed.json"));
    expect(Object.fromEntries(json.items.map((item: { title: string; date_modified?: string }) => [item.title, item.date_modified]))).toEqual({
      "Quoted update": "2024-03-19T00:00:00.000Z",
      "Unquoted update": "2024-03-20T00:00:00.000Z",
      Plain: undefined,
    });
    for (const [slug, day] of [["quoted-updated", "2024-03-19"], ["unquoted-updated", "2024-03-20"]] as const) {
      const doc = await site.page(`posts/${slug}/index.html`);
      expect(meta(doc, 'meta[property="article:modified_time"]'), slug).toBe(day);
      expect(JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!).dateModified, slug).toBe(`${day}T00:00:00.000Z`);
    }
    const sitemap = await xml("sitemap.xml");
    const lastmod = Object.fromEntries([...sitemap.querySelectorAll("url")].map((url) => [url.querySelector("loc")!.textContent, url.querySelector("lastmod")!.textContent]));
    expect(lastmod[`${siteData.url}/posts/quoted-updated/`]).toBe("2024-03-19");
    expect(lastmod[`${siteData.url}/posts/unquoted-updated/`]).toBe("2024-03-20");
    expect(lastmod[`${siteData.url}/tags/serverless/`]).toBe("2024-03-20");
  });

  test("a feed's own date is its newest entry's `updated` or date, even when an older post was updated later", async () => {
    // RFC 4287 §4.2.15: a feed changes when an entry does. "Unquoted update" (2 March, updated 20 March)
    // is older than "Plain" (3 March) but changed last; "R&D" holds only "Quoted update" (updated "2024-03-19").
    // An XML parser, not the HTML one `xml` uses: HTML lowercases element names such as lastBuildDate.
    const feedXml = async (path: string) => new DOMParser().parseFromString(await site.read(path), "text/xml");
    const rssDate = async (path: string) => (await feedXml(path)).querySelector("channel > lastBuildDate")?.textContent;
    expect(await rssDate("feed.xml")).toBe("Wed, 20 Mar 2024 00:00:00 +0000");
    expect(await rssDate("tags/serverless/feed.xml")).toBe("Wed, 20 Mar 2024 00:00:00 +0000");
    expect(await rssDate(`${decodeURIComponent(await tagHref("R&D")).slice(1)}feed.xml`)).toBe("Tue, 19 Mar 2024 00:00:00 +0000");
    const atom = await feedXml("atom.xml");
    expect(atom.querySelector("feed > updated")?.textContent).toBe("2024-03-20T00:00:00Z");
    const entryDates = [...atom.querySelectorAll("entry > updated")].map((updated) => updated.textContent!);
    expect(entryDates.every((date) => date <= atom.querySelector("feed > updated")!.textContent!)).toBe(true);
  });

  test("feed content keeps section headings but not their # links, which need our stylesheet", async () => {
    const json = JSON.parse(await site.read("feed.json"));
    const rss = parseFeed(await site.read("feed.xml")).toJSON();
    const atom = parseFeed(await site.read("atom.xml")).toJSON();
    const contents = [
      json.items.find((item: { title: string }) => item.title === "Quoted update").content_html,
      rss.items.find((item) => item.title === "Quoted update")!.content ?? rss.items.find((item) => item.title === "Quoted update")!.description,
      atom.items.find((item) => item.title === "Quoted update")!.content,
    ];
    for (const html of contents) {
      const content = parseHTML(`<!doctype html><body>${html}</body>`).document;
      expect([...content.querySelectorAll("h2")].map((h) => h.textContent)).toEqual(["First section"]);
      expect(content.querySelectorAll(".heading-anchor, .heading-wrapper")).toHaveLength(0);
      expect([...content.querySelectorAll("p")].map((p) => p.textContent)).toEqual(["Intro.", "Text."]);
    }
    // The post page itself keeps them.
    expect((await site.page("posts/quoted-updated/index.html")).querySelector(".post-content .heading-anchor")).not.toBeNull();
  });

  test("the site's author links to the about page on this site", async () => {
    const json = JSON.parse(await site.read("feed.json"));
    expect(json.authors[0].url).toBe(`${siteData.url}/about/`);
    expect(existsSync(fileFor(site, json.authors[0].url))).toBe(true);
    expect(parseFeed(await site.read("atom.xml")).toJSON().authors[0]?.url).toBe(`${siteData.url}/about/`);
  });
});
