import { describe, expect, test } from "vitest";
import {
  isExternalUrl,
  normalisePathPrefix,
  prefixSitePath,
  routes,
  tagFeedUrl,
  tagPageUrl,
  tagSubscribeId,
  tagSubscribeUrl,
  toAbsoluteUrl,
  withPathPrefix,
  withoutPathPrefix,
} from "../../src/routes.ts";
import { toTagSlug } from "../../src/tags.ts";

const SITE = "https://blog.example.com";

/** A seeded generator (mulberry32): the same inputs on every run, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (alphabet: string, min: number, max: number) => Array.from({ length: min + int(max - min + 1) }, () => pick([...alphabet])).join("");
  return { int, pick, text };
}

// Letters of many scripts, with spaces and symbols that slugs drop or keep.
const SCRIPTS = [
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  "àéîõüçñßÅØÆœ",
  "абвгдежзийклмнопрстуфхцчшщыэюяЖЯ",
  "αβγδεζηθικλμνξοπρστυφχψωΩ",
  "日本語中文漢字ひらがなカタカナ한국어",
  "عربيةالحروف",
  "עברית",
  "हिन्दीदेवनागरी",
  "ไทยภาษา",
  "🚀🔥✨👩‍💻",
  " -_.!?&/#%+:'\"()",
];

function tagNames(count: number): string[] {
  const g = generator(19);
  return Array.from({ length: count }, () => Array.from({ length: 1 + g.int(3) }, () => g.text(g.pick(SCRIPTS), 1, 8)).join(g.pick([" ", "-", ""])));
}

describe("fixed routes", () => {
  test("every route is a site path: rooted, internal, no path prefix", () => {
    for (const path of Object.values(routes)) {
      expect(path.startsWith("/")).toBe(true);
      expect(isExternalUrl(path)).toBe(false);
    }
  });

  test("the published addresses do not change", () => {
    expect(routes).toMatchObject({ home: "/", tagIndex: "/tags/", subscribe: "/subscribe/", rssFeed: "/feed.xml", atomFeed: "/atom.xml", jsonFeed: "/feed.json", sitemap: "/sitemap.xml", robots: "/robots.txt" });
  });
});

describe("tag routes", () => {
  test("a tag's page, page N, feed and subscribe entry", () => {
    expect(tagPageUrl("serverless")).toBe("/tags/serverless/");
    expect(tagPageUrl("serverless", 1)).toBe("/tags/serverless/");
    expect(tagPageUrl("serverless", 3)).toBe("/tags/serverless/page/3/");
    expect(tagFeedUrl("serverless")).toBe("/tags/serverless/feed.xml");
    expect(tagSubscribeId("serverless")).toBe("tag-serverless");
    expect(tagSubscribeUrl("serverless")).toBe("/subscribe/#tag-serverless");
  });

  test.each(tagNames(300).map((name) => [name]))("tag %j", (name) => {
    const slug = toTagSlug(name);
    const page = tagPageUrl(slug);
    expect(page).toBe(`${routes.tagIndex}${slug}/`);
    expect(tagFeedUrl(slug)).toBe(`${page}feed.xml`);
    expect(tagPageUrl(slug, 2)).toBe(`${page}page/2/`);
    expect(tagSubscribeUrl(slug)).toBe(`${routes.subscribe}#${tagSubscribeId(slug)}`);
    // A valid, unique HTML id that cannot take one of /subscribe/'s own ids (which contain "_").
    expect(tagSubscribeId(slug)).toMatch(/^tag-[^\s_]+$/u);
    for (const url of [page, tagFeedUrl(slug), tagPageUrl(slug, 7)]) {
      expect(isExternalUrl(url)).toBe(false);
      // Absolute, under the prefix, with the slug percent-encoded once and readable again.
      const absolute = new URL(toAbsoluteUrl(url, SITE, "/blog/"));
      expect(absolute.origin).toBe(SITE);
      expect(decodeURIComponent(absolute.pathname)).toBe(`/blog${url}`);
      expect(withPathPrefix(url, "blog")).toBe(`/blog${url}`);
    }
  });
});

describe("the path prefix", () => {
  test.each([
    ["/", "/"],
    ["", "/"],
    ["blog", "/blog/"],
    ["/blog", "/blog/"],
    ["blog/", "/blog/"],
    ["///blog///", "/blog/"],
    ["a//b", "/a/b/"],
    ["/docs/blog/", "/docs/blog/"],
  ])("%j is %j", (written, normalised) => {
    expect(normalisePathPrefix(written)).toBe(normalised);
  });

  // Every spelling of a prefix, with or without slashes at either end, means the same prefix everywhere.
  const g = generator(7);
  const prefixes = Array.from({ length: 200 }, () => {
    const segments = Array.from({ length: 1 + g.int(3) }, () => g.text("abcdefghijklmnopqrstuvwxyz0123456789-_.~", 1, 6).replace(/^\.+$/, "x"));
    return { segments, written: "/".repeat(g.int(3)) + segments.join("/".repeat(1 + g.int(2))) + "/".repeat(g.int(3)) };
  });
  test.each(prefixes.map((prefix) => [prefix.written, prefix.segments]))("%j", (written, segments) => {
    const normalised = `/${segments.join("/")}/`;
    expect(normalisePathPrefix(written)).toBe(normalised);
    expect(normalisePathPrefix(normalisePathPrefix(written))).toBe(normalised);
    expect(withPathPrefix("/feed.xml", written)).toBe(`${normalised}feed.xml`);
    expect(withoutPathPrefix(withPathPrefix("/img/a.png", written), written)).toBe("/img/a.png");
    expect(prefixSitePath("/posts/a/", written)).toBe(`${normalised}posts/a/`);
    expect(toAbsoluteUrl("/posts/a/", SITE, written)).toBe(`${SITE}${normalised}posts/a/`);
    expect(toAbsoluteUrl(routes.home, `${SITE}/`, written)).toBe(`${SITE}${normalised}`);
  });

  test("without a prefix, links stay as written", () => {
    expect(withPathPrefix("/feed.xml", "/")).toBe("/feed.xml");
    expect(withoutPathPrefix("/feed.xml", "/")).toBe("/feed.xml");
    expect(prefixSitePath("posts/a/", "")).toBe("/posts/a/");
  });
});

describe("isExternalUrl: a URL with a scheme, or scheme-relative (//host/x), leaves the site", () => {
  const external = [
    "https://example.com/",
    "http://example.com/a.md",
    "HTTPS://EXAMPLE.COM",
    "mailto:a@example.com",
    "tel:+441234",
    "data:image/png;base64,AAAA",
    "javascript:void(0)",
    "ftp://files.example/x",
    "git+ssh://host/repo",
    "web+app:thing",
    "x-custom.scheme-1:value",
    "//cdn.example/a",
    "//cdn.example",
    "\\\\server\\share\\x.png",
    "/\\cdn.example/a",
    "\\/cdn.example/a",
  ];
  const internal = ["", "/", "/a/", "/tags/日本語/", "a.png", "./a.png", "../x", "posts/a.md", "#top", "?q=1", "/../c", "1http://x", "-x:y", "/a//b", "img/a:b.png", ":no-scheme"];
  test.each(external)("%j is external", (url) => expect(isExternalUrl(url)).toBe(true));
  test.each(internal)("%j is the site's", (url) => expect(isExternalUrl(url)).toBe(false));

  const g = generator(3);
  const schemes = Array.from({ length: 100 }, () => g.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 1) + g.text("abcdefghijklmnopqrstuvwxyz0123456789+.-", 0, 8));
  const rests = Array.from({ length: 100 }, () => g.text("abcdefghijklmnopqrstuvwxyz0123456789/.-_~%?#=&:@日本", 0, 12));
  test("generated: scheme:rest and //rest are external; ./x, ../x, #x, ?x never are, /x only when x starts with a slash", () => {
    for (let i = 0; i < 100; i++) {
      const rest = rests[i]!;
      expect(isExternalUrl(`${schemes[i]}:${rest}`)).toBe(true);
      expect(isExternalUrl(`//${rest}`)).toBe(true);
      for (const lead of ["./", "../", "#", "?"]) expect(isExternalUrl(`${lead}${rest}`)).toBe(false);
      expect(isExternalUrl(`/${rest}`)).toBe(rest.startsWith("/"));
      // The rule agrees with the WHATWG URL parser: what it calls internal resolves on the site's origin.
      for (const lead of ["/", "./", "../", "#", "?"]) {
        const url = `${lead}${rest}`;
        if (!isExternalUrl(url)) expect(new URL(url, `${SITE}/blog/`).origin).toBe(SITE);
      }
    }
  });

  test("external URLs get no path prefix", () => {
    for (const url of external) expect(withPathPrefix(url, "/blog/")).toBe(url);
  });

  test("toAbsoluteUrl: a URL with a scheme passes through; a scheme-relative one gets the site's scheme, not its host", () => {
    expect(toAbsoluteUrl("https://elsewhere.example/a", SITE, "/blog/")).toBe("https://elsewhere.example/a");
    expect(toAbsoluteUrl("mailto:a@example.com", SITE)).toBe("mailto:a@example.com");
    expect(toAbsoluteUrl("//cdn.example/a", SITE, "/blog/")).toBe("https://cdn.example/a");
    expect(toAbsoluteUrl("//cdn.example/a", "http://localhost:8080")).toBe("http://cdn.example/a");
    expect(toAbsoluteUrl("\\\\cdn.example\\a", SITE)).toBe("https://cdn.example/a");
  });
});

describe("toAbsoluteUrl", () => {
  test.each([
    ["/", "/", `${SITE}/`],
    ["/posts/a/", "/", `${SITE}/posts/a/`],
    ["posts/a/", "/", `${SITE}/posts/a/`],
    ["/posts/a/", "/blog/", `${SITE}/blog/posts/a/`],
    ["/feed.xml", "blog", `${SITE}/blog/feed.xml`],
    ["/tags/日本語/", "/", `${SITE}/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/`],
  ])("%j under %j", (path, prefix, expected) => {
    expect(toAbsoluteUrl(path, SITE, prefix)).toBe(expected);
    expect(toAbsoluteUrl(path, `${SITE}/`, prefix)).toBe(expected);
  });

  test("a page that is never written has no URL", () => {
    expect(toAbsoluteUrl(false, SITE)).toBe("");
  });
});
