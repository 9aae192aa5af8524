import { describe, expect, test } from "vitest";
import { draftsPlugin } from "../../src/plugins/drafts.ts";
import { buildInMemory, post } from "../helpers/bare-eleventy.ts";

const now = () => new Date("2024-06-01T00:00:00Z");

function addPosts(eleventyConfig: Parameters<Parameters<typeof buildInMemory>[0]>[0]): void {
  eleventyConfig.addTemplate("posts/published.md", "p", post("Published", "2024-01-01"));
  eleventyConfig.addTemplate("posts/draft.md", "d", post("Draft", "2024-01-01", { draft: true }));
  eleventyConfig.addTemplate("posts/scheduled.md", "s", post("Scheduled", "2024-12-01"));
  eleventyConfig.addTemplate("posts/unwritten.md", "u", post("Unwritten", "2024-01-01", { permalink: false }));
  eleventyConfig.addTemplate("index.njk", "{% for p in collections.posts %}{{ p.data.title }}={{ p.data.draft | toPublicationState(p.date) }};{% endfor %}");
}

describe("draftsPlugin on a bare Eleventy", () => {
  test("a production build leaves drafts, scheduled posts and permalink: false posts out of pages and collections", async () => {
    const pages = await buildInMemory((eleventyConfig) => {
      eleventyConfig.addPlugin(draftsPlugin, { now });
      addPosts(eleventyConfig);
    });
    expect(pages.map((page) => page.url)).toEqual(["/", "/posts/published/"]);
  });

  test("npm start (serve) builds drafts and scheduled posts and marks them", async () => {
    const pages = await buildInMemory((eleventyConfig) => {
      eleventyConfig.addPlugin(draftsPlugin, { now });
      addPosts(eleventyConfig);
    }, { runMode: "serve" });
    expect(pages.map((page) => page.url)).toEqual(["/", "/posts/draft/", "/posts/published/", "/posts/scheduled/"]);
    const states = pages.find((page) => page.url === "/")!.content.split(";").filter(Boolean).sort();
    expect(states).toEqual(["Draft=draft", "Published=published", "Scheduled=scheduled"]);
  });

  test("includeScheduled publishes future-dated posts in a production build, never drafts", async () => {
    const pages = await buildInMemory((eleventyConfig) => {
      eleventyConfig.addPlugin(draftsPlugin, { now, includeScheduled: true });
      addPosts(eleventyConfig);
    });
    expect(pages.map((page) => page.url)).toEqual(["/", "/posts/published/", "/posts/scheduled/"]);
  });
});
