import { expect, test } from "vitest";
import { post } from "../helpers/site.ts";
import { build, describeSourceLinks } from "../helpers/source-links.ts";

describeSourceLinks("/");

/** Links to Markdown files that are not published posts, and what the error must say. */
const UNPUBLISHED = [
  { href: "./other-pots.md", says: 'but there is no posts/other-pots.md: did you mean "./other-post.md"?' },
  { href: "./draft.md", says: "(posts/draft.md), which is a draft (`draft: true`), so it has no page in this build: publish it first, or remove the link" },
  { href: "/posts/scheduled.md#later", says: "(posts/scheduled.md), which is scheduled for 2999-01-01" },
  { href: "./un%20written.md", says: "(posts/un written.md), which is written with `permalink: false`" },
  { href: "../README.md?plain=1", says: "(README.md), which is not a page of the site (the build ignores it)" },
  { href: "../../../../../../../../../elsewhere.md", says: "a file outside the site's folder, which has no page" },
];

/** Where an author puts a link: the block around it moves it to different lines of the file. */
const CONTEXTS: Array<(link: string) => string> = [
  (link) => `Intro.\n\nSee ${link}.`,
  (link) => `A paragraph\nthat goes on\nand links ${link} here.`,
  (link) => `# Heading\n\n- one\n- two, with [a good one](./other-post.md)\n- three ${link}`,
  (link) => `> A quote\n> with ${link}`,
  (link) => `| a | b |\n| - | - |\n| x | y |\n| ${link} | z |`,
  (link) => `Text with a note.[^1]\n\n[^1]: The note,\n    continued: ${link}`,
  (link) => `Fine: [good](./other-post.md#setup), <https://example.com/x.md>, \`./code.md\`,\n<span\nclass="x">html</span> and then ${link}`,
];

test("a link to a Markdown file that is not a published post is an error at its file:line, saying what to do", async () => {
  const posts: Record<string, string> = {
    "other-post.md": post("title: Other\ndate: 2024-01-01", "## Setup\n\nText."),
    "draft.md": post("title: Draft\ndate: 2024-01-01\ndraft: true"),
    "scheduled.md": post("title: Later\ndate: 2999-01-01"),
    "un written.md": post("title: Unwritten\ndate: 2024-01-01\npermalink: false"),
  };
  const expected = new Map<string, { line: number; says: string }>();
  UNPUBLISHED.forEach((target, t) => {
    CONTEXTS.forEach((context, c) => {
      const name = `bad-${t}-${c}.md`;
      // Inline and reference-style in turn: a reference-style link is reported where it is used.
      const referenced = (t + c) % 2 === 1;
      const body = referenced ? `${context("[BAD][the-ref]")}\n\n[the-ref]: ${target.href} "A title"` : context(`[BAD](${target.href})`);
      const source = post(`title: Bad ${t} ${c}\ndate: 2024-02-01`, body);
      posts[name] = source;
      expected.set(`./posts/${name}`, { line: source.split("\n").findIndex((line) => line.includes("[BAD]")) + 1, says: target.says });
    });
  });
  const { error } = await build({ posts, files: { "README.md": "# Not a page\n" } });
  // Eleventy loads its own copy of src/build-status.ts: the AuthoringError is recognised by its fields.
  const postErrors = (error as { postErrors?: Array<{ file: string; line: number; problem: string }> } | undefined)?.postErrors;
  expect(postErrors, String(error)).toBeDefined();
  const found = new Map(postErrors!.map((e) => [e.file, e]));
  expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, { line, says }] of expected) {
    expect(`${file}:${found.get(file)!.line}`).toBe(`${file}:${line}`);
    expect(found.get(file)!.problem, file).toContain(says);
  }
});

test("every bad link in one post is reported in the same build, each at its own line", async () => {
  const body = UNPUBLISHED.map((target, t) => `Paragraph ${t} links [BAD ${t}](${target.href}).`).join("\n\n");
  const source = post("title: Many\ndate: 2024-02-01", body);
  const { error } = await build({
    posts: { "many.md": source, "draft.md": post("title: Draft\ndate: 2024-01-01\ndraft: true"), "scheduled.md": post("title: Later\ndate: 2999-01-01"), "un written.md": post("title: Unwritten\ndate: 2024-01-01\npermalink: false"), "other-post.md": post("title: Other\ndate: 2024-01-01") },
    files: { "README.md": "# Not a page\n" },
  });
  const postErrors = (error as { postErrors?: Array<{ file: string; line: number; problem: string }> } | undefined)?.postErrors ?? [];
  const lines = source.split("\n");
  expect(postErrors.map((e) => `${e.file}:${e.line}`).sort()).toEqual(UNPUBLISHED.map((_, t) => `./posts/many.md:${lines.findIndex((line) => line.includes(`[BAD ${t}]`)) + 1}`).sort());
});

test("under npm start, a link to a draft resolves: drafts are previewed", async () => {
  const { site, error } = await build({
    runMode: "serve",
    posts: { "draft.md": post("title: Draft\ndate: 2024-01-01\ndraft: true"), "linker.md": post("title: Linker\ndate: 2024-01-02", "[the draft](./draft.md)") },
  });
  expect(error).toBeUndefined();
  const document = await site!.page("posts/linker/index.html");
  expect([...document.querySelectorAll("main a")].find((a) => a.textContent === "the draft")?.getAttribute("href")).toBe("/posts/draft/");
});
