import { describe, expect, test } from "vitest";
import { socialCardsPlugin } from "../../src/plugins/social-cards.ts";
import { buildInMemory, pageAt, post } from "../helpers/bare-eleventy.ts";

const site = { title: "Test blog", description: "A test blog.", url: "https://blog.example.com" };

describe("socialCardsPlugin on a bare Eleventy", () => {
  test("each post gets its card, laid out from its view; other pages share the site card (in memory: nothing drawn)", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(socialCardsPlugin, { site, index, cacheDir: ".cache/cards" });
      eleventyConfig.addTemplate("posts/a.md", "a", post("A post", "2024-01-01", { tags: ["aws"] }));
      eleventyConfig.addTemplate("index.njk", "{% set post = collections.socialImages | getSocialImage('/posts/a/') %}{{ post.kind }} {{ post.url }} {{ post.alt }}|{% set home = collections.socialImages | getSocialImage('/') %}{{ home.kind }} {{ home.url }}|{{ collections.socialImages | getPostImage('/') === undefined }}");
    });
    const [card, home, none] = pageAt(pages, "/").split("|");
    expect(card).toMatch(/^card \/social-cards\/posts\/a\.[0-9a-f]{10}\.png A post — Test blog$/);
    expect(home).toBe("site /social-card.png");
    expect(none).toBe("true");
  });

  test("with cards off, a post without an image of its own shares the site card", async () => {
    const pages = await buildInMemory((eleventyConfig, index) => {
      eleventyConfig.addPlugin(socialCardsPlugin, { site, index, cards: false, cacheDir: ".cache/cards" });
      eleventyConfig.addTemplate("posts/a.md", "a", post("A post", "2024-01-01"));
      eleventyConfig.addTemplate("index.njk", "{{ (collections.socialImages | getSocialImage('/posts/a/')).kind }}");
    });
    expect(pageAt(pages, "/")).toBe("site");
  });
});
