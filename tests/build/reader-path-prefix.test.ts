import { DOMParser } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildSite, post, type BuiltSite } from "../helpers/site.ts";

// A file of its own: Eleventy keeps some template state per process, so a
// prefixed build must not share a process with an unprefixed one.
const page = (name: string) => `posts/${name}/index.html`;
const hrefs = (elements: Iterable<Element>) => [...elements].map((element) => element.getAttribute("href"));

describe("a site served under a path prefix", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({
      pathPrefix: "/blog/",
      posts: {
        "first.md": post("title: First\ndate: 2024-01-01\ntags: [x]\nseries: S"),
        "second.md": post("title: Second\ndate: 2024-02-01\ntags: [x]\nseries: S"),
        "third.md": post("title: Third\ndate: 2024-03-01\ntags: [x]"),
      },
    });
  });
  afterAll(() => site?.cleanup());

  test("links between posts, the archive, canonical URLs and the sitemap carry the prefix", async () => {
    const doc = await site.page(page("first"));
    expect(doc.querySelector('.post-nav a[rel="next"]')?.getAttribute("href")).toBe("/blog/posts/second/");
    // Second is the next post, so the related post shown is Third.
    expect(doc.querySelector(".related-posts a")?.getAttribute("href")).toBe("/blog/posts/third/");
    expect(hrefs(doc.querySelectorAll(".series a"))).toEqual(["/blog/posts/first/", "/blog/posts/second/"]);
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe("https://blog.example.com/blog/posts/first/");
    expect(hrefs((await site.page("archive/index.html")).querySelectorAll("main li a"))).toEqual(["/blog/posts/third/", "/blog/posts/second/", "/blog/posts/first/"]);
    const xml = new DOMParser().parseFromString(await site.read("sitemap.xml"), "text/xml");
    expect([...xml.querySelectorAll("loc")].map((loc) => loc.textContent)).toContain("https://blog.example.com/blog/posts/second/");
    expect((await site.read("robots.txt")).split("\n")).toContain("Sitemap: https://blog.example.com/blog/sitemap.xml");
  });
});
