import { describe, expect, test } from "vitest";
import { buildTags, paginateTags, TagSlugCollisionError, toPostTagLinks, toTagSlug, type TaggedPost } from "../../src/tags.ts";

let day = 0;
const post = (name: string, tags: unknown): TaggedPost => ({
  url: `/posts/${name}/`,
  inputPath: `./posts/${name}.md`,
  date: new Date(Date.UTC(2024, 0, 1 + day++)),
  data: { tags },
});

describe("buildTags", () => {
  test("gives C++, C# and C their own slugs, and safe slugs to node.js, CI/CD and 日本語", () => {
    const tags = buildTags([post("a", ["C++", "C#", "C", "node.js", "CI/CD", "日本語"])]);
    expect(Object.fromEntries(tags.map((tag) => [tag.name, tag.slug]))).toEqual({
      "C++": "c-plus-plus",
      "C#": "c-sharp",
      C: "c",
      "node.js": "node-js",
      "CI/CD": "ci-cd",
      "日本語": "日本語",
    });
  });

  test("merges spellings that differ in case, under the spelling most posts use", () => {
    const tags = buildTags([post("a", ["Serverless"]), post("b", "serverless"), post("c", ["serverless", "SERVERLESS"])]);
    expect(tags).toHaveLength(1);
    expect(tags[0]!.name).toBe("serverless");
    expect(tags[0]!.posts.map((p) => p.url)).toEqual(["/posts/c/", "/posts/b/", "/posts/a/"]);
  });

  test("leaves out internal tags and non-strings", () => {
    const tags = buildTags([post("a", ["posts", "all", "Posts", 42, null, " ", "real"])]);
    expect(tags.map((tag) => tag.name)).toEqual(["real"]);
  });

  test("a tag of symbols only still gets a URL", () => {
    expect(buildTags([post("a", ["!!!"])])[0]!.slug).toBe("u21-u21-u21");
  });

  test("fails, naming both tags and their posts, when two tags would share a URL", () => {
    const build = () => buildTags([post("dots", ["node.js"]), post("space", ["node js"])]);
    expect(build).toThrow(TagSlugCollisionError);
    expect(build).toThrow(/"node\.js" and "node js" would both be published at \/tags\/node-js\//);
    expect(build).toThrow(/posts\/dots\.md/);
    expect(build).toThrow(/posts\/space\.md/);
  });
});

describe("paginateTags", () => {
  test("splits a tag's posts into linked pages, newest first", () => {
    const posts = Array.from({ length: 45 }, (_, i) => post(`p${i}`, ["big"]));
    const pages = paginateTags(buildTags(posts), 20);
    expect(pages.map((page) => [page.url, page.posts.length, page.previousUrl, page.nextUrl])).toEqual([
      ["/tags/big/", 20, null, "/tags/big/page/2/"],
      ["/tags/big/page/2/", 20, "/tags/big/", "/tags/big/page/3/"],
      ["/tags/big/page/3/", 5, "/tags/big/page/2/", null],
    ]);
    expect(pages[0]!.posts[0]!.url).toBe("/posts/p44/");
  });
});

describe("toPostTagLinks", () => {
  const index = new Map([["serverless", { name: "Serverless", slug: "serverless" }], ["r&d", { name: "R&D", slug: "r-d" }]]);

  test("one link per tag however many spellings a post repeats, in the index's spelling", () => {
    expect(toPostTagLinks(["serverless", "Serverless", "SERVERLESS ", "r&d", "posts"], index)).toEqual([
      { name: "Serverless", slug: "serverless" },
      { name: "R&D", slug: "r-d" },
    ]);
  });

  test("a tag missing from the index keeps the author's spelling", () => {
    expect(toPostTagLinks(["Draft Only", "draft only"], index)).toEqual([{ name: "Draft Only", slug: "draft-only" }]);
  });
});

describe("tag ids on /subscribe/", () => {
  // Characters an author may type in a tag, including the "_" the site's own ids are made with, its
  // full-width form (NFKC turns it into "_"), other connector punctuation, separators, combining marks and emoji.
  const ALPHABET = [..."abcXYZ019 _-‿＿.+#&@/%:!?'\"\t", "é", "e\u0301", "日本", "ق", "ﬁ", "Ⅻ", "①", "🚀", "\u200d", "\u00a0"];
  function* names(count: number): Generator<string> {
    let seed = 18;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < count; i++) yield Array.from({ length: 1 + Math.floor(next() * 12) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join("");
  }

  test("are tag-<slug>, and a slug never has the \"_\" that keeps the page's own ids out of reach", () => {
    for (const name of [...names(5000), "feeds", "_", "fn_1", "site_feeds", "＿"]) {
      const [tag] = buildTags([post("a", [name])]);
      if (!tag) continue; // white space only, or an internal tag
      expect(tag.slug, name).toBe(toTagSlug(tag.name));
      expect(tag.slug, name).toMatch(/^[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*$/u);
      expect(tag.subscribeId, name).toBe(`tag-${tag.slug}`);
      expect(tag.subscribeUrl, name).toBe(`/subscribe/#tag-${tag.slug}`);
    }
  });
});
