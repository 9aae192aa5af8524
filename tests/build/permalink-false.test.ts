import { parseFeed } from "@rowanmanning/feed-parser";
import { DOMParser } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { site as siteData } from "../../src/site.ts";
import { toAbsoluteUrl } from "../../src/routes.ts";
import { buildSite, post, type BuiltSite } from "../helpers/site.ts";

/**
 * `permalink: false` (https://www.11ty.dev/docs/permalinks/#permalink-false)
 * reached every way an author can reach it: in front matter, in directory
 * data, and computed (`eleventyComputed`, in front matter or in a directory
 * data file). Each hidden post shares a tag and a series with the visible
 * ones, has a tag of its own, and is dated between them, so any listing,
 * feed, tag count or neighbour link that kept it would show it.
 */
const WAYS = {
  "front-matter": { file: "posts/hidden-front-matter.md", frontMatter: "permalink: false" },
  "directory-data": { file: "posts/hidden-folder/hidden-directory-data.md", frontMatter: "" },
  "computed-front-matter": { file: "posts/hidden-computed-front-matter.md", frontMatter: "eleventyComputed:\n  permalink: false" },
  "computed-directory-data": { file: "posts/hidden-computed/hidden-computed-directory-data.md", frontMatter: "" },
} as const;
type Way = keyof typeof WAYS;
const ways = Object.keys(WAYS) as Way[];

const VISIBLE = ["visible-one", "visible-two", "visible-three", "visible-four", "visible-five"];
const visibleUrls = VISIBLE.map((slug) => `/posts/${slug}/`);
const hiddenTitle = (way: Way) => `Hidden by ${way}`;

function fixture(): { posts: Record<string, string>; files: Record<string, string> } {
  const posts: Record<string, string> = {};
  VISIBLE.forEach((slug, i) => {
    // Days 1, 3, 5, 7, 9: every hidden post (days 2, 4, 6, 8) sits between two visible ones.
    posts[`${slug}.md`] = post(`title: Visible ${i + 1}\ndate: 2024-01-0${2 * i + 1}\ntags: [shared]\nseries: Trip\ndescription: Visible post ${i + 1}.`);
  });
  const files: Record<string, string> = {
    "posts/hidden-folder/hidden-folder.json": JSON.stringify({ permalink: false }),
    "posts/hidden-computed/hidden-computed.11tydata.mjs": "export default { eleventyComputed: { permalink: () => false } };\n",
  };
  ways.forEach((way, i) => {
    const { file, frontMatter } = WAYS[way];
    files[file] = post(`title: ${hiddenTitle(way)}\ndate: 2024-01-0${2 * i + 2}\ntags: [shared, only-${way}]\nseries: Trip\n${frontMatter}`, `${hiddenTitle(way)} body.`);
  });
  return { posts, files };
}

const absolute = (url: string) => toAbsoluteUrl(url, siteData.url);
const xml = (text: string) => new DOMParser().parseFromString(text, "text/xml") as unknown as Document;
const hrefs = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)].map((a) => a.getAttribute("href") ?? "");
const isHidden = (text: string) => /hidden/i.test(text);

// Social cards are slow: one build draws them, the other does not (it fails in src/urls.ts instead of the cards when broken).
describe.each([{ socialCards: false }, { socialCards: true }])("posts with permalink: false, social cards $socialCards", ({ socialCards }) => {
  let site: BuiltSite;
  beforeAll(async () => { site = await buildSite({ ...fixture(), socialCards }); });
  afterAll(() => site?.cleanup());

  test("the build writes nothing for them, and no file names them", async () => {
    const files = await site.files();
    expect(files).toContain("posts/visible-one/index.html");
    expect(files.filter(isHidden)).toEqual([]);
    for (const file of files.filter((name) => /\.(html|xml|json|txt)$/.test(name))) {
      const text = await site.read(file);
      for (const way of ways) expect(text, file).not.toContain(hiddenTitle(way));
    }
  });

  test("the home page and the archive list only the visible posts", async () => {
    expect(hrefs(await site.page("index.html"), ".post-list h2 a")).toEqual([...visibleUrls].reverse());
    expect(hrefs(await site.page("archive/index.html"), "main a[href^='/posts/']").sort()).toEqual([...visibleUrls].sort());
  });

  test("RSS, Atom and JSON Feed hold only the visible posts", async () => {
    const expected = [...visibleUrls].reverse().map(absolute);
    for (const path of ["feed.xml", "atom.xml"]) {
      expect(parseFeed(await site.read(path)).toJSON().items.map((item) => item.url), path).toEqual(expected);
    }
    const json = JSON.parse(await site.read("feed.json")) as { items: Array<{ url: string }> };
    expect(json.items.map((item) => item.url)).toEqual(expected);
  });

  test("tags: the shared tag counts and lists only the visible posts; a tag only hidden posts carry does not exist", async () => {
    const index = await site.page("tags/index.html");
    const entries = [...index.querySelectorAll(".tag-index li")].map((li) => [li.querySelector("a")?.textContent, li.querySelector(".tag-count")?.textContent]);
    expect(entries).toEqual([["shared", `(${VISIBLE.length} posts)`]]);
    expect(hrefs(await site.page("tags/shared/index.html"), ".post-list h2 a")).toEqual([...visibleUrls].reverse());
    const tagFeed = parseFeed(await site.read("tags/shared/feed.xml")).toJSON();
    expect(tagFeed.items.map((item) => item.url)).toEqual([...visibleUrls].reverse().map(absolute));
    const files = await site.files();
    for (const way of ways) expect(files.filter((file) => file.startsWith(`tags/only-${way}/`))).toEqual([]);
    expect(hrefs(await site.page("subscribe/index.html"), "a").filter((href) => href.includes("only-"))).toEqual([]);
  });

  test("the sitemap lists no URL for them", async () => {
    const locs = [...xml(await site.read("sitemap.xml")).querySelectorAll("url > loc")].map((loc) => loc.textContent ?? "");
    expect(locs).toEqual(expect.arrayContaining(visibleUrls.map(absolute)));
    expect(locs.filter(isHidden)).toEqual([]);
    expect(locs.filter((loc) => loc.includes("/posts/"))).toHaveLength(VISIBLE.length);
  });

  test("previous/next, series and related posts of every visible post link only to visible posts", async () => {
    for (const [i, url] of visibleUrls.entries()) {
      const doc = await site.page(`${url.slice(1)}index.html`);
      expect(hrefs(doc, ".post-nav a[rel=prev]"), url).toEqual(i > 0 ? [visibleUrls[i - 1]] : []);
      expect(hrefs(doc, ".post-nav a[rel=next]"), url).toEqual(i < VISIBLE.length - 1 ? [visibleUrls[i + 1]] : []);
      expect(hrefs(doc, ".series a"), url).toEqual(visibleUrls);
      expect(hrefs(doc, ".related-posts a").filter((href) => !visibleUrls.includes(href)), url).toEqual([]);
    }
  });

  test("social cards exist for the visible posts only", async () => {
    const cards = (await site.files()).filter((file) => file.startsWith("social-cards/"));
    expect(cards.map((file) => file.replace(/^social-cards\/posts\/|\.[0-9a-f]{10}\.png$/g, "")).sort()).toEqual(socialCards ? [...VISIBLE].sort() : []);
    const ogImage = (await site.page("posts/visible-one/index.html")).querySelector("meta[property='og:image']")?.getAttribute("content") ?? "";
    expect(ogImage).toContain(socialCards ? "/social-cards/posts/visible-one." : "/social-card.png");
  });
});
