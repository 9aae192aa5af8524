import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DOMParser } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildSite, post, type BuiltSite } from "../helpers/site.ts";

const threeSections = "Intro.\n\n## First part\n\nText.\n\n### A detail\n\nMore.\n\n## Second part\n\nEnd.";

/** Five posts over three years: some share tags x and y, three form a series. */
const POSTS = {
  "oldest.md": post("title: The oldest post\ndate: 2022-03-01\ntags: [x, y]\nseries: Architecture\nseriesPart: 2", threeSections),
  "tagged-x.md": post("title: Only x\ndate: 2023-01-10\ntags: [x]\ndescription: A post about x.", "Just x.\n\n## Only heading\n\n## Second heading"),
  "both-tags.md": post("title: Both tags\ndate: 2023-06-01\ntags: [x, y, z]\nseries: Architecture\nseriesPart: 1", "word ".repeat(700)),
  "lonely.md": post("title: Lonely </script><b>post</b>\ndate: 2024-02-02\ntags: [w]\nupdated: 2024-03-03", "Nobody shares my tag."),
  "newest.md": post("title: The newest post\ndate: 2024-05-05\ntags: [y]\nseries: Architecture", "Newest."),
};

const page = (name: string) => `posts/${name}/index.html`;
const hrefs = (elements: Iterable<Element>) => [...elements].map((element) => element.getAttribute("href"));

describe("reader features on a fixture blog", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({ posts: POSTS, searchIndex: true });
  });
  afterAll(() => site?.cleanup());

  test("the archive groups every post by year, newest year and post first", async () => {
    const doc = await site.page("archive/index.html");
    const years = [...doc.querySelectorAll("main section")].map((section) => [section.querySelector("h2")?.textContent, hrefs(section.querySelectorAll("li a"))]);
    expect(years).toEqual([
      ["2024", ["/posts/newest/", "/posts/lonely/"]],
      ["2023", ["/posts/both-tags/", "/posts/tagged-x/"]],
      ["2022", ["/posts/oldest/"]],
    ]);
  });

  test("home links to the archive", async () => {
    const doc = await site.page("index.html");
    expect(doc.querySelector('main a[href="/archive/"]')).not.toBeNull();
  });

  test("previous/next follow publication order, with no link past either end", async () => {
    const oldest = await site.page(page("oldest"));
    expect(oldest.querySelector('.post-nav a[rel="prev"]')).toBeNull();
    expect(oldest.querySelector('.post-nav a[rel="next"]')?.getAttribute("href")).toBe("/posts/tagged-x/");
    const middle = await site.page(page("both-tags"));
    expect(middle.querySelector('.post-nav a[rel="prev"]')?.getAttribute("href")).toBe("/posts/tagged-x/");
    expect(middle.querySelector('.post-nav a[rel="next"]')?.getAttribute("href")).toBe("/posts/lonely/");
    const newest = await site.page(page("newest"));
    expect(newest.querySelector('.post-nav a[rel="prev"]')?.getAttribute("href")).toBe("/posts/lonely/");
    expect(newest.querySelector('.post-nav a[rel="next"]')).toBeNull();
  });

  test("related posts: most shared tags, then newest, at most three; none when no tag is shared", async () => {
    const doc = await site.page(page("oldest"));
    // tagged-x shares a tag too, but it is the next post, linked just below: never repeated as related.
    expect(hrefs(doc.querySelectorAll(".related-posts a"))).toEqual(["/posts/both-tags/", "/posts/newest/"]);
    expect(hrefs(doc.querySelectorAll(".post-nav a"))).toEqual(["/posts/tagged-x/"]);
    const lonely = await site.page(page("lonely"));
    expect(lonely.querySelector(".related-posts")).toBeNull();
  });

  test("reading time is shown in the post's meta line", async () => {
    expect((await site.page(page("both-tags"))).querySelector(".post-meta .reading-time")?.textContent).toBe("3 min read");
    expect((await site.page(page("newest"))).querySelector(".post-meta .reading-time")?.textContent).toBe("1 min read");
  });

  test("a post with three headings gets a table of contents linking their ids", async () => {
    const doc = await site.page(page("oldest"));
    const toc = doc.querySelector('nav.toc')!;
    expect(toc.getAttribute("aria-labelledby")).toBe("toc_title");
    expect(doc.getElementById("toc_title")?.textContent).toBe("Contents");
    expect(hrefs(toc.querySelectorAll("a"))).toEqual(["#first-part", "#a-detail", "#second-part"]);
    // Folded on narrow screens without script: a closed <details> whose summary names the nav (styles.css opens it beside the text on wide ones).
    const details = toc.querySelector(":scope > details")!;
    expect(details.hasAttribute("open")).toBe(false);
    expect(details.querySelector(":scope > summary")?.id).toBe("toc_title");
    // Before the text, after the header: the first thing after the title block, not inside the post's content.
    expect(toc.previousElementSibling?.matches("header.post-header")).toBe(true);
    expect(toc.nextElementSibling?.matches(".post-content")).toBe(true);
    for (const id of ["first-part", "a-detail", "second-part"]) expect(doc.getElementById(id)?.matches("h2, h3")).toBe(true);
  });

  test("a post with fewer than three headings has none, but its headings keep ids and anchors", async () => {
    const doc = await site.page(page("tagged-x"));
    expect(doc.querySelector("nav.toc")).toBeNull();
    expect(doc.getElementById("only-heading")?.nextElementSibling?.getAttribute("href")).toBe("#only-heading");
  });

  test("a post in a series lists the parts in order and marks itself", async () => {
    const doc = await site.page(page("oldest"));
    const series = doc.querySelector("aside.series")!;
    expect(series.querySelector("h2")?.textContent).toBe("Part 2 of Architecture");
    expect(hrefs(series.querySelectorAll("li a"))).toEqual(["/posts/both-tags/", "/posts/oldest/", "/posts/newest/"]);
    // Numbered by seriesPart, so a part missing from the blog leaves its number out rather than renumbering.
    expect([...series.querySelectorAll("li")].map((li) => li.getAttribute("value"))).toEqual(["1", "2", null]);
    expect((await site.page(page("newest"))).querySelector("aside.series h2")?.textContent).toBe("Series: Architecture");
    expect(series.querySelector('[aria-current="page"]')?.getAttribute("href")).toBe("/posts/oldest/");
    expect((await site.page(page("lonely"))).querySelector("aside.series")).toBeNull();
  });

  test("JSON-LD on a post parses as a BlogPosting, and a hostile title cannot break out of it", async () => {
    const doc = await site.page(page("lonely"));
    const blocks = doc.querySelectorAll('script[type="application/ld+json"]');
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0]!.textContent!);
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "BlogPosting",
      headline: "Lonely </script><b>post</b>",
      url: "https://blog.example.com/posts/lonely/",
      datePublished: "2024-02-02T00:00:00.000Z",
      dateModified: "2024-03-03T00:00:00.000Z",
      author: { "@type": "Person", name: "The Invisible Servers team" },
    });
    expect(doc.querySelector("head b")).toBeNull();
    expect(doc.querySelector('meta[property="article:modified_time"]')?.getAttribute("content")).toBe("2024-03-03");
  });

  test("every page has a unique title and description, a canonical URL and sharing tags", async () => {
    const paths = ["index.html", "archive/index.html", "search/index.html", "about/index.html", "404.html", page("oldest"), page("tagged-x")];
    const heads = await Promise.all(paths.map(async (path) => {
      const doc = await site.page(path);
      const meta = (selector: string) => doc.querySelector(selector)?.getAttribute("content");
      return { path, title: doc.title, description: meta('meta[name="description"]'), canonical: doc.querySelector('link[rel="canonical"]')?.getAttribute("href"), ogType: meta('meta[property="og:type"]'), ogUrl: meta('meta[property="og:url"]'), twitter: meta('meta[name="twitter:card"]') };
    }));
    expect(new Set(heads.map((head) => head.title)).size).toBe(paths.length);
    expect(new Set(heads.map((head) => head.description)).size).toBe(paths.length);
    for (const head of heads) {
      expect(head.canonical).toMatch(/^https:\/\/blog\.example\.com\//);
      expect(head.ogUrl).toBe(head.canonical);
      expect(head.twitter).toBe("summary_large_image");
      expect(head.ogType).toBe(head.path.startsWith("posts/") ? "article" : "website");
    }
    const post = await site.page(page("oldest"));
    expect(post.querySelector('meta[property="article:published_time"]')?.getAttribute("content")).toBe("2022-03-01");
    expect([...post.querySelectorAll('meta[property="article:tag"]')].map((tag) => tag.getAttribute("content"))).toEqual(["x", "y"]);
  });

  test("sitemap.xml parses and lists absolute URLs with lastmod", async () => {
    const xml = new DOMParser().parseFromString(await site.read("sitemap.xml"), "text/xml");
    expect(xml.documentElement.localName).toBe("urlset");
    expect(xml.documentElement.getAttribute("xmlns")).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const entries = [...xml.querySelectorAll("url")].map((url) => [url.querySelector("loc")?.textContent, url.querySelector("lastmod")?.textContent]);
    const locs = entries.map(([loc]) => loc);
    expect(locs).toEqual(expect.arrayContaining(["https://blog.example.com/", "https://blog.example.com/archive/", "https://blog.example.com/posts/oldest/"]));
    for (const loc of locs) expect(new URL(loc!).origin).toBe("https://blog.example.com");
    expect(Object.fromEntries(entries)["https://blog.example.com/posts/lonely/"]).toBe("2024-03-03");
  });

  test("robots.txt points at the absolute sitemap URL", async () => {
    const lines = (await site.read("robots.txt")).split("\n");
    expect(lines).toContain("Sitemap: https://blog.example.com/sitemap.xml");
  });

  test("the search index lists every post, and nothing but posts", async () => {
    const entry = JSON.parse(await site.read("pagefind/pagefind-entry.json"));
    expect(entry.languages.en.page_count).toBe(Object.keys(POSTS).length);
    // Fragments are gzipped JSON behind a "pagefind_dcd" signature: https://pagefind.app/docs/api/
    const folder = join(site.output, "pagefind/fragment");
    const fragments = await Promise.all((await readdir(folder)).map(async (name) =>
      JSON.parse(gunzipSync(await readFile(join(folder, name))).toString("utf8").replace(/^pagefind_dcd/, "")) as { url: string; meta: { title: string } }));
    expect(fragments.map((fragment) => fragment.url).sort()).toEqual(Object.keys(POSTS).map((name) => `/posts/${name.replace(/\.md$/, "")}/`).sort());
    expect(fragments.find((fragment) => fragment.url === "/posts/oldest/")?.meta.title).toBe("The oldest post");
  });

  test("the search page works without JavaScript and loads Pagefind's UI there alone", async () => {
    const doc = await site.page("search/index.html");
    expect(doc.querySelector('#search a[href="/archive/"]')).not.toBeNull();
    const scripts = [...doc.querySelectorAll("script")].map((script) => script.getAttribute("src"));
    // Pagefind's component UI, styled by styles.css: no Pagefind stylesheet (partials/head.njk).
    expect(scripts).toEqual(["/enhance.js", "/pagefind/pagefind-component-ui.js", "/search.js"]);
    expect(doc.querySelector('link[rel="stylesheet"][href*="pagefind"]')).toBeNull();
    expect(await site.files()).toEqual(expect.arrayContaining(["search.js", "pagefind/pagefind-component-ui.js"]));
  });

  test("post and home pages load no script but the deferred enhancement file", async () => {
    for (const path of ["index.html", page("oldest"), "archive/index.html"]) {
      const doc = await site.page(path);
      const scripts = [...doc.querySelectorAll("script")].filter((script) => script.getAttribute("type") !== "application/ld+json");
      expect(scripts.map((script) => [script.getAttribute("src"), script.hasAttribute("defer")])).toEqual([["/enhance.js", true]]);
      expect(doc.querySelector('link[href*="pagefind"]')).toBeNull();
    }
  });
});
