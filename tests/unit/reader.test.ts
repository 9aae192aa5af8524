import { describe, expect, test } from "vitest";
import { groupPostsByYear } from "../../src/archive.ts";
import { buildPostNavigation } from "../../src/post-navigation.ts";
import { countWords, toReadingMinutes } from "../../src/reading-time.ts";
import { buildRelatedPosts } from "../../src/related-posts.ts";
import { toTagKey } from "../../src/tags.ts";

interface Fixture {
  url: string;
  date: Date;
  inputPath: string;
  title: string;
  tagKeys: string[];
  series?: { name: string; part?: number };
}

/** The fields of a post view (src/post-view.ts) that navigation, related posts and the archive read. */
function fixture(name: string, date: string, data: { tags?: string | string[]; series?: string; seriesPart?: number } = {}): Fixture {
  const tags = typeof data.tags === "string" ? [data.tags] : data.tags ?? [];
  return {
    url: `/posts/${name}/`,
    date: new Date(date),
    inputPath: `./posts/${name}.md`,
    title: name,
    tagKeys: tags.map(toTagKey),
    ...(data.series ? { series: { name: data.series, ...(data.seriesPart ? { part: data.seriesPart } : {}) } } : {}),
  };
}

describe("reading time", () => {
  test("counts words, not Markdown punctuation or link targets", () => {
    expect(countWords("## A *heading*\n\n- one [link](https://example.com/a/very/long/path) > - | ---")).toBe(4);
  });

  test("rounds to whole minutes at 230 words a minute, never below one", () => {
    expect(toReadingMinutes("word ".repeat(10))).toBe(1);
    expect(toReadingMinutes("word ".repeat(460))).toBe(2);
    expect(toReadingMinutes("word ".repeat(1150))).toBe(5);
  });
});

describe("related posts", () => {
  const posts = [
    fixture("a", "2024-01-01", { tags: ["x", "y"] }),
    fixture("b", "2024-02-01", { tags: ["x"] }),
    fixture("c", "2024-03-01", { tags: ["X", "y", "z"] }),
    fixture("d", "2024-04-01", { tags: ["y"] }),
    fixture("e", "2024-05-01", { tags: ["w"] }),
    fixture("f", "2024-06-01", { tags: "x" }),
  ];
  const related = buildRelatedPosts(posts);
  const urls = (url: string) => related.get(url)!.map((post) => post.url);

  test("most shared tags first (case-insensitive), then newest, at most three", () => {
    expect(urls("/posts/a/")).toEqual(["/posts/c/", "/posts/f/", "/posts/d/"]);
  });

  test("a post sharing no tag with any other has no related posts", () => {
    expect(urls("/posts/e/")).toEqual([]);
  });

  test("never lists the post itself", () => {
    for (const post of posts) expect(urls(post.url)).not.toContain(post.url);
  });
});

describe("previous/next and series", () => {
  const posts = [
    fixture("newest", "2024-05-01", { series: "Arch" }),
    fixture("oldest", "2022-01-01", { series: "Arch", seriesPart: 2 }),
    fixture("middle", "2023-01-01", { series: "Arch", seriesPart: 1 }),
    fixture("lone", "2023-06-01"),
  ];
  const navigation = buildPostNavigation(posts);

  test("links the next older and next newer post, with no link past either end", () => {
    expect(navigation.get("/posts/oldest/")!.previous).toBeUndefined();
    expect(navigation.get("/posts/oldest/")!.next?.url).toBe("/posts/middle/");
    expect(navigation.get("/posts/lone/")!.previous?.url).toBe("/posts/middle/");
    expect(navigation.get("/posts/lone/")!.next?.url).toBe("/posts/newest/");
    expect(navigation.get("/posts/newest/")!.next).toBeUndefined();
  });

  test("orders a series by seriesPart, then parts without one by date", () => {
    const series = navigation.get("/posts/oldest/")!.series!;
    expect(series.name).toBe("Arch");
    expect(series.parts.map((post) => post.url)).toEqual(["/posts/middle/", "/posts/oldest/", "/posts/newest/"]);
    expect(navigation.get("/posts/lone/")!.series).toBeUndefined();
  });

  test("two posts on one day: previous/next follow the newest-first order exactly reversed", () => {
    const tied = buildPostNavigation([fixture("b", "2024-01-01"), fixture("a", "2024-01-01"), fixture("c", "2023-01-01")]);
    // Newest first (home page): a, b, c. So b's previous (older) post is c and its next (newer) is a.
    expect(tied.get("/posts/b/")!.previous?.url).toBe("/posts/c/");
    expect(tied.get("/posts/b/")!.next?.url).toBe("/posts/a/");
    expect(tied.get("/posts/a/")!.previous?.url).toBe("/posts/b/");
  });
});

describe("archive grouping", () => {
  test("groups by year in the site's zone, newest year and post first", () => {
    const groups = groupPostsByYear([
      fixture("a", "2023-03-01"),
      fixture("b", "2024-12-31T23:30:00Z"),
      fixture("c", "2023-11-01"),
      fixture("d", "2025-01-01T00:30:00Z"),
    ]);
    expect(groups.map((group) => [group.year, group.posts.map((post) => post.title)])).toEqual([
      [2025, ["d"]],
      [2024, ["b"]],
      [2023, ["c", "a"]],
    ]);
  });
});
