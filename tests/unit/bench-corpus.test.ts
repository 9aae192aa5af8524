import matter from "gray-matter";
import MarkdownIt from "markdown-it";
import { describe, expect, test } from "vitest";
import { generateCorpus, postFileName, TAG_POOL } from "../../scripts/bench/corpus.ts";
import { createRandom } from "../../scripts/bench/random.ts";

describe("the benchmark's seeded random numbers", () => {
  test("repeat for the same seed and differ for another", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});

describe("the benchmark corpus", () => {
  const corpus = generateCorpus({ posts: 40, seed: 1 });
  const markdown = new MarkdownIt();

  test("is the same, file for file, for the same seed", () => {
    expect(generateCorpus({ posts: 40, seed: 1 })).toEqual(corpus);
  });

  test("changes with the seed", () => {
    expect(generateCorpus({ posts: 40, seed: 2 })[postFileName(0)]).not.toBe(corpus[postFileName(0)]);
  });

  test("has one file per post", () => {
    expect(Object.keys(corpus)).toHaveLength(40);
    expect(Object.keys(corpus)[39]).toBe("post-00040.md");
  });

  test("gives every post valid front matter: title, a date within ten years, 1–4 pool tags, a description", () => {
    for (const [name, text] of Object.entries(corpus)) {
      const { data } = matter(text);
      expect(typeof data.title, name).toBe("string");
      expect(data.date, name).toBeInstanceOf(Date);
      expect((data.date as Date).getUTCFullYear()).toBeGreaterThanOrEqual(2015);
      expect((data.date as Date).getUTCFullYear()).toBeLessThanOrEqual(2024);
      expect(data.tags.length).toBeGreaterThanOrEqual(1);
      expect(data.tags.length).toBeLessThanOrEqual(4);
      for (const tag of data.tags) expect(TAG_POOL).toContain(tag);
      expect(typeof data.description, name).toBe("string");
    }
  });

  test("writes posts of about 600 words with h2 and h3 headings, a list, two code fences and links to other posts", () => {
    for (const [name, text] of Object.entries(corpus)) {
      const { content } = matter(text);
      const tokens = markdown.parse(content, {});
      const words = content.split(/\s+/).filter(Boolean).length;
      expect(words, name).toBeGreaterThan(450);
      expect(words, name).toBeLessThan(850);
      expect(tokens.filter((t) => t.type === "fence"), name).toHaveLength(2);
      expect(tokens.some((t) => t.type === "heading_open" && t.tag === "h2"), name).toBe(true);
      expect(tokens.some((t) => t.type === "heading_open" && t.tag === "h3"), name).toBe(true);
      expect(tokens.some((t) => t.type === "bullet_list_open" || t.type === "ordered_list_open"), name).toBe(true);
      const links = tokens.flatMap((t) => t.children ?? []).filter((t) => t.type === "link_open").map((t) => t.attrGet("href")!);
      for (const href of links) expect(Object.keys(corpus)).toContain(`${href.split("/")[2]}.md`);
    }
    const tags = new Set(Object.values(corpus).flatMap((text) => matter(text).data.tags as string[]));
    expect(tags.size).toBeGreaterThan(30);
  });
});
