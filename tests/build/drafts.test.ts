import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runEleventy } from "../helpers/cli.ts";
import { buildSite, builtSite, makeFixture, post, type BuiltSite } from "../helpers/site.ts";
import { rm } from "node:fs/promises";
import { join } from "node:path";

// "Now" is the real clock: far-past and far-future dates keep these fixtures true for centuries.
const POSTS = {
  "published-post.md": post("title: Published post\ndate: 2024-01-01\ntags: news"),
  "draft-post.md": post("title: Draft post\ndate: 2024-01-02\ntags: news\ndraft: true"),
  "scheduled-post.md": post("title: Scheduled post\ndate: 2999-01-01\ntags: news"),
};
const LISTING_PAGE = "index.html";

function listedUrls(doc: Document): string[] {
  return [...doc.querySelectorAll(".post-list h2 a")].map((a) => a.getAttribute("href") ?? "");
}

describe("a production build (npm run build)", () => {
  let site: BuiltSite;
  beforeAll(async () => { site = await buildSite({ posts: POSTS, runMode: "build" }); });
  afterAll(() => site?.cleanup());

  test("writes no page for drafts and scheduled posts", async () => {
    const files = await site.files();
    expect(files).toContain("posts/published-post/index.html");
    expect(files.filter((file) => file.includes("draft-post") || file.includes("scheduled-post"))).toEqual([]);
  });

  test("leaves them out of every listing", async () => {
    expect(listedUrls(await site.page(LISTING_PAGE))).toEqual(["/posts/published-post/"]);
  });

  test("no written file mentions them (tag pages, feeds and sitemaps included)", async () => {
    for (const file of await site.files()) {
      const text = await site.read(file);
      expect(text, file).not.toContain("Draft post");
      expect(text, file).not.toContain("Scheduled post");
    }
  });

  test("a published post carries no draft mark", async () => {
    expect((await site.page("posts/published-post/index.html")).querySelector(".draft-mark")).toBeNull();
  });
});

describe("a preview (npm start: runMode serve)", () => {
  let site: BuiltSite;
  beforeAll(async () => { site = await buildSite({ posts: POSTS, runMode: "serve" }); });
  afterAll(() => site?.cleanup());

  test("renders the draft with a visible draft mark", async () => {
    const doc = await site.page("posts/draft-post/index.html");
    const mark = doc.querySelector("article .draft-mark");
    expect(mark?.getAttribute("role")).toBe("note");
    expect(mark?.textContent).toContain("Draft");
  });

  test("renders the scheduled post with its date", async () => {
    const mark = (await site.page("posts/scheduled-post/index.html")).querySelector("article .draft-mark");
    expect(mark?.textContent).toContain("Scheduled");
    expect(mark?.querySelector("time")?.getAttribute("datetime")).toBe("2999-01-01");
  });

  test("lists all three posts", async () => {
    expect(listedUrls(await site.page(LISTING_PAGE)).sort()).toEqual(["/posts/draft-post/", "/posts/published-post/", "/posts/scheduled-post/"]);
  });
});

test("BLOG_INCLUDE_SCHEDULED=1 publishes scheduled posts in a production build, never drafts", async () => {
  // In process: eleventy.config.ts reads the variable when it runs, as under the CLI.
  const site = await buildSite({ posts: POSTS, runMode: "build", env: { BLOG_INCLUDE_SCHEDULED: "1" } });
  try {
    const files = await site.files();
    expect(files).toContain("posts/scheduled-post/index.html");
    expect(files.some((file) => file.includes("draft-post"))).toBe(false);
    expect(listedUrls(await site.page(LISTING_PAGE))).toEqual(["/posts/scheduled-post/", "/posts/published-post/"]);
  } finally {
    await site.cleanup();
  }
});

test("computed permalinks keep templated and paginated permalinks of other pages working", async () => {
  // Through the real CLI: several in-process Eleventy builds in one worker can leave Eleventy's module-level
  // state behind (TemplateContentPrematureUseError under load); a fresh process is what `npm run build` is.
  const input = await makeFixture({
    posts: POSTS,
    files: {
      "extra/templated.njk": "---\npermalink: \"/made-{{ 'by' }}-template/\"\n---\nTemplated",
      "extra/paged.njk": "---\npagination:\n  data: collections.posts\n  size: 1\n  alias: item\npermalink: \"/paged/{{ item.fileSlug }}/\"\n---\n{{ item.data.title }}",
    },
  });
  try {
    const result = await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = await builtSite(input, join(input, "_site")).files();
    expect(files).toContain("made-by-template/index.html");
    expect(files.filter((file) => file.startsWith("paged/"))).toEqual(["paged/published-post/index.html"]);
  } finally {
    await rm(input, { recursive: true, force: true });
  }
});

test("watch mode previews drafts too", async () => {
  const site = await buildSite({ posts: POSTS, runMode: "watch" });
  try {
    expect(await site.files()).toContain("posts/draft-post/index.html");
  } finally {
    await site.cleanup();
  }
});
