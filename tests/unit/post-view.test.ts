import { describe, expect, test } from "vitest";
import { createFrontMatterSchema } from "../../src/front-matter-schema.ts";
import { buildPostViews, toPostView, type PostViewContext, type PostViewInput } from "../../src/post-view.ts";

const schema = createFrontMatterSchema({ timeZone: "UTC" });
const context: PostViewContext = { siteUrl: "https://x.test", pathPrefix: "/blog/", timeZone: "UTC", language: "en" };

/** A post as the build gives it: front matter through the real schema (YAML dates are Dates, quoted ones strings). */
function input(name: string, data: Record<string, unknown>, html = "<p>First paragraph.</p><p>Second.</p>"): PostViewInput {
  let renders = 0;
  const post = {
    url: `/posts/${name}/`,
    inputPath: `./posts/${name}.md`,
    frontMatter: schema.parse({ title: `Post ${name}`, date: new Date("2024-03-18T10:00:00Z"), ...data }),
    markdown: "word ".repeat(460),
    html: () => {
      renders++;
      return html;
    },
    get renders() {
      return renders;
    },
  };
  return post;
}

describe("toPostView", () => {
  test("URL, absolute URL and href carry the path prefix once", () => {
    const view = toPostView(input("a", {}), context);
    expect([view.url, view.href, view.absoluteUrl]).toEqual(["/posts/a/", "/blog/posts/a/", "https://x.test/blog/posts/a/"]);
    expect(view.title).toBe("Post a");
  });

  test("dates: ISO and readable in the site's zone; no `updated`, last modified is the date", () => {
    const view = toPostView(input("a", {}), { ...context, timeZone: "America/New_York" });
    expect(view.isoDate).toBe("2024-03-18");
    expect(view.readableDate).toBe("March 18, 2024");
    expect(view.updated).toBeUndefined();
    expect(view.lastModified).toEqual(new Date("2024-03-18T10:00:00Z"));
  });

  // Generated: every way YAML hands `updated` over reads the same.
  for (const [label, updated] of [["a YAML date", new Date("2024-04-02T00:00:00Z")], ["a quoted date", "2024-04-02"], ["a quoted date-time", "2024-04-02T00:00:00Z"]] as const) {
    test(`\`updated\` as ${label} is one Date, and it is the last modified`, () => {
      const view = toPostView(input("a", { updated }), context);
      expect(view.updated).toEqual(new Date("2024-04-02T00:00:00Z"));
      expect(view.updatedIsoDate).toBe("2024-04-02");
      expect(view.updatedReadableDate).toBe("April 2, 2024");
      expect(view.lastModified).toEqual(view.updated);
    });
  }

  test("last modified is `updated ?? date` even when `updated` is the same day's midnight, before the date's time", () => {
    const view = toPostView(input("a", { updated: "2024-03-18" }), context);
    expect(view.lastModified.toISOString()).toBe("2024-03-18T00:00:00.000Z");
  });

  test("summary: the description (trimmed), else the excerpt of the rendered post, read once and only when asked", () => {
    const described = input("a", { description: "  What it is about. " });
    expect(toPostView(described, context).summary).toBe("What it is about.");
    const bare = input("b", {}) as PostViewInput & { renders: number };
    const view = toPostView(bare, context);
    expect(bare.renders).toBe(0);
    expect(view.summary).toBe("First paragraph.");
    expect(view.summary).toBe("First paragraph.");
    expect(bare.renders).toBe(1);
    expect(toPostView(input("c", { description: "   " }), context).summary).toBe("First paragraph.");
    expect(toPostView(input("d", {}, ""), context).summary).toBe("");
  });

  test("reading time from the Markdown", () => {
    const view = toPostView(input("a", {}), context);
    expect([view.readingMinutes, view.readingTime]).toEqual([2, "2 min read"]);
  });

  // Generated: a tag as a string, a list, mixed case and repeats.
  for (const [label, tags, names] of [
    ["a string", "Serverless", ["Serverless"]],
    ["a list", ["AWS", "serverless"], ["AWS", "serverless"]],
    ["a list in mixed case with repeats", ["Serverless", "serverless", " SERVERLESS "], ["Serverless"]],
    ["null", null, []],
    ["a list with Eleventy's internal tag", ["posts", "x"], ["x"]],
  ] as const) {
    test(`tags as ${label}: each once, with page and feed URLs`, () => {
      const view = toPostView(input("a", { tags }), context);
      expect(view.tagNames).toEqual(names);
      for (const tag of view.tags) {
        expect(tag.url).toBe(`/tags/${tag.slug}/`);
        expect(tag.href).toBe(`/blog/tags/${tag.slug}/`);
        expect(tag.feedUrl).toMatch(new RegExp(`^/tags/${tag.slug}/.*\\.xml$`));
      }
    });
  }

  test("tags take the tag index's spelling", () => {
    const index = buildPostViews([input("a", { tags: ["Serverless"] }), input("b", { tags: ["Serverless"] }), input("c", { tags: ["serverless", "AWS"] })], context);
    expect(index.byUrl.get("/posts/c/")!.tagNames).toEqual(["Serverless", "AWS"]);
    expect(index.tags.map((tag) => [tag.name, tag.posts.length])).toEqual([["AWS", 1], ["Serverless", 3]]);
    expect(index.tags[1]!.posts[0]).toBe(index.byUrl.get("/posts/a/"));
  });

  test("series position: the name, and the part when given", () => {
    expect(toPostView(input("a", { series: " Architecture ", seriesPart: 2 }), context).series).toEqual({ name: "Architecture", part: 2 });
    expect(toPostView(input("b", { series: "Architecture" }), context).series).toEqual({ name: "Architecture" });
    expect(toPostView(input("c", {}), context).series).toBeUndefined();
  });

  test("a series given as a list, or a seriesPart that is not a whole number, is an error naming the file and the field", () => {
    expect(() => toPostView(input("bad", { series: ["a"] }), context)).toThrow(/posts\/bad\.md.*"series"/);
    expect(() => toPostView(input("bad", { series: "S", seriesPart: "two" }), context)).toThrow(/posts\/bad\.md.*"seriesPart"/);
    expect(() => toPostView(input("bad", { series: "S", seriesPart: 0 }), context)).toThrow(/"seriesPart"/);
  });

  test("share image reference: the file and its description as the author wrote them", () => {
    expect(toPostView(input("a", { image: "cover.jpg", imageAlt: "A rack" }), context).image).toEqual({ file: "cover.jpg", alt: "A rack" });
    expect(toPostView(input("b", {}), context).image).toBeUndefined();
  });
});

describe("buildPostViews", () => {
  test("newest first; two posts on one day by URL, the same order as tag pages", () => {
    const day = new Date("2024-01-01T00:00:00Z");
    const index = buildPostViews([input("b", { date: day, tags: "t" }), input("old", { date: new Date("2023-01-01"), tags: "t" }), input("a", { date: day, tags: "t" })], context);
    expect(index.newestFirst.map((view) => view.url)).toEqual(["/posts/a/", "/posts/b/", "/posts/old/"]);
    expect(index.tags[0]!.posts.map((view) => view.url)).toEqual(["/posts/a/", "/posts/b/", "/posts/old/"]);
  });
});
