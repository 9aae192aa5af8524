import { stat } from "node:fs/promises";
import { join } from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { site as siteData } from "../../src/site.ts";
import { startStaticServer } from "../../src/static-server.ts";
import { buildSite, post, readRealPosts, type BuiltSite } from "../helpers/site.ts";

const PREFIX = "/blog/";

/**
 * Pages that other feature branches add (tags, feeds, archive, search). Links
 * to them must carry the prefix now; whether they resolve is checked once they
 * are built. Delete each entry when its feature is merged.
 */

/** Where a built page, by its output file, sits under the prefix. */
const pageUrl = (file: string) => new URL(PREFIX + file.replace(/(^|\/)index\.html$/, "$1"), siteData.url);

/** Elements whose URLs a reader follows or the browser fetches. */
const urlAttributes: Array<[selector: string, attribute: string]> = [
  ["a[href]", "href"],
  ["link[href]", "href"],
  ["script[src]", "src"],
  ["img[src]", "src"],
  ["img[srcset]", "srcset"],
  ["source[srcset]", "srcset"],
  ["source[src]", "src"],
];

describe(`a site built with pathPrefix "${PREFIX}"`, () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({
      pathPrefix: PREFIX,
      // Pagefind's files are linked from /search/: build them so the links can be checked.
      searchIndex: true,
      posts: {
        ...(await readRealPosts()),
        "root-relative-markdown-links.md": post(
          "title: Root-relative links in Markdown\ndate: 2024-04-01\ntags: paths",
          "See [the about page](/about/), [the other post](/posts/embracing-serverless-architecture/#main), [a relative link](../embracing-serverless-architecture/) and [a section](#end).\n\n![The site icon](/favicon.svg)\n\n## End",
        ),
      },
    });
  });
  afterAll(() => site?.cleanup());

  /** Every internal URL on every page, resolved against the page's address under the prefix. */
  async function internalUrls(): Promise<Array<{ page: string; raw: string; url: URL }>> {
    const found: Array<{ page: string; raw: string; url: URL }> = [];
    for (const page of (await site.files()).filter((file) => file.endsWith(".html"))) {
      const doc = await site.page(page);
      for (const [selector, attribute] of urlAttributes) {
        for (const element of doc.querySelectorAll(selector)) {
          const value = element.getAttribute(attribute)!;
          const raws = attribute === "srcset" ? value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0]!) : [value];
          for (const raw of raws) {
            const url = new URL(raw, pageUrl(page));
            if (url.origin === new URL(siteData.url).origin) found.push({ page, raw, url });
          }
        }
      }
    }
    return found;
  }

  test("every internal link and asset points under the prefix", async () => {
    const urls = await internalUrls();
    expect(urls.length).toBeGreaterThan(20);
    expect(urls.filter(({ url }) => !url.pathname.startsWith(PREFIX)).map(({ page, raw }) => `${page}: ${raw}`)).toEqual([]);
  });

  test("every internal link and asset resolves to a built file", async () => {
    const missing: string[] = [];
    for (const { page, raw, url } of await internalUrls()) {
      const path = decodeURIComponent(url.pathname).slice(PREFIX.length);
      const file = join(site.output, path.endsWith("/") || path === "" ? join(path, "index.html") : path);
      if (!(await stat(file).catch(() => undefined))?.isFile()) missing.push(`${page}: ${raw}`);
    }
    expect(missing).toEqual([]);
  });

  test("served under the prefix by the preview server, every internal URL answers 200", async () => {
    const server = await startStaticServer({ root: site.output, pathPrefix: PREFIX });
    try {
      const failures: string[] = [];
      const seen = new Set<string>();
      for (const { url } of await internalUrls()) {
        const path = url.pathname;
        if (seen.has(path)) continue;
        seen.add(path);
        const response = await fetch(server.origin + path, { redirect: "manual" });
        await response.arrayBuffer();
        if (response.status !== 200) failures.push(`${path}: ${response.status}`);
      }
      expect(seen.size).toBeGreaterThan(5);
      expect(failures).toEqual([]);
      // And outside the prefix there is nothing.
      expect((await fetch(server.origin + "/about/")).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  test("links written in Markdown get the prefix; relative links and fragments stay as written", async () => {
    const doc = await site.page("posts/root-relative-markdown-links/index.html");
    const hrefs = [...doc.querySelectorAll(".post-content a:not(.heading-anchor)")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["/blog/about/", "/blog/posts/embracing-serverless-architecture/#main", "../embracing-serverless-architecture/", "#end"]);
    expect(doc.querySelector(".post-content img")?.getAttribute("src")).toBe("/blog/favicon.svg");
    const about = await site.page("about/index.html");
    expect([...about.querySelectorAll("main a")].map((a) => a.getAttribute("href"))).toContain("/blog/subscribe/");
  });

  /** The built file an absolute URL under the prefix is served from, or undefined when it is not under the prefix. */
  const builtFileFor = (url: string) => {
    const { origin, pathname } = new URL(url);
    if (origin !== new URL(siteData.url).origin || !pathname.startsWith(PREFIX)) return undefined;
    const path = decodeURIComponent(pathname).slice(PREFIX.length);
    return join(site.output, path.endsWith("/") || path === "" ? join(path, "index.html") : path);
  };
  const isBuilt = async (url: string) => {
    const file = builtFileFor(url);
    return file !== undefined && Boolean((await stat(file).catch(() => undefined))?.isFile());
  };

  test("RSS and Atom feeds, site-wide and per tag, link to their items, themselves and the site under the prefix", async () => {
    for (const path of ["feed.xml", "atom.xml", "tags/paths/feed.xml"]) {
      const feed = parseFeed(await site.read(path)).toJSON();
      const urls = [feed.url!, feed.self!, ...feed.items.flatMap((item) => [item.url!, item.id!])];
      expect(feed.items.length, path).toBeGreaterThan(0);
      expect(feed.self, path).toBe(`${siteData.url}${PREFIX}${path}`);
      for (const url of urls) expect(await isBuilt(url), `${path}: ${url}`).toBe(true);
      const raw = parseHTML(await site.read(path), "text/xml").document;
      const ids = [...raw.querySelectorAll("guid, id")].map((id) => id.textContent!);
      expect(ids.length, path).toBeGreaterThan(0);
      for (const id of ids) expect(id.startsWith(`${siteData.url}${PREFIX}`), `${path}: ${id}`).toBe(true);
    }
    const json = JSON.parse(await site.read("feed.json"));
    for (const url of [json.home_page_url, json.feed_url, json.authors[0].url, ...json.items.map((item: { url: string }) => item.url)]) {
      expect(await isBuilt(url), `feed.json: ${url}`).toBe(true);
    }
  });

  test("sitemap.xml, robots.txt, canonical and JSON-LD URLs are absolute under the prefix", async () => {
    const sitemap = parseHTML(await site.read("sitemap.xml"), "text/xml").document;
    const locs = [...sitemap.querySelectorAll("url > loc")].map((loc) => loc.textContent!);
    expect(locs).toContain(`${siteData.url}${PREFIX}tags/paths/`);
    for (const loc of locs) expect(await isBuilt(loc), loc).toBe(true);
    const robots = (await site.read("robots.txt")).split("\n").find((line) => line.startsWith("Sitemap: "));
    expect(robots).toBe(`Sitemap: ${siteData.url}${PREFIX}sitemap.xml`);
    const post = await site.page("posts/root-relative-markdown-links/index.html");
    const canonical = post.querySelector('link[rel="canonical"]')!.getAttribute("href")!;
    expect(canonical).toBe(`${siteData.url}${PREFIX}posts/root-relative-markdown-links/`);
    const jsonLd = JSON.parse(post.querySelector('script[type="application/ld+json"]')!.textContent!);
    for (const url of [jsonLd.url, jsonLd.author.url, jsonLd.publisher.url]) expect(await isBuilt(url), url).toBe(true);
  });

  test("the 404 page, served at any depth, links home and to its stylesheet through the prefix", async () => {
    const doc = await site.page("404.html");
    expect(doc.querySelector('link[rel="stylesheet"]')?.getAttribute("href")).toBe("/blog/styles.css");
    expect(doc.querySelector("main a")?.getAttribute("href")).toBe("/blog/");
  });
});
