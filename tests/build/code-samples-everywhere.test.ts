import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DOMParser, parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildSite, post, type BuiltSite } from "../helpers/site.ts";

/**
 * A tutorial's code samples reach every reader as text: on the post page, in
 * its excerpt on listings, in every feed and in the search index. The unit
 * property test (tests/unit/code-samples.test.ts) covers every fence language;
 * this build covers every place a post's content is published.
 */
const SCRIPT = `<script>alert("x")</script>`;
const BOLD = "<b>bold</b>";
const BODY = [
  `Inline: \`${SCRIPT}\` and \`${BOLD}\` in the first paragraph.`,
  "```HTML\n" + SCRIPT + "\n" + BOLD + "\n```",
  "```Diff-HTML\n-" + SCRIPT + "\n+" + BOLD + "\n```",
  "Indented:\n\n    " + SCRIPT + "\n    " + BOLD,
].join("\n\n");

describe("code samples are text wherever a post is published", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({ posts: { "tutorial.md": post("title: A tutorial\ndate: 2024-05-01\ntags: html", BODY) }, searchIndex: true });
  });
  afterAll(() => site?.cleanup());

  /** Elements that a sample would have become, and the code texts, in an HTML document or fragment. */
  function inspect(html: string) {
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const article = document.querySelector("article") ?? document.body;
    return {
      live: article.querySelectorAll("script, b").length,
      code: [...article.querySelectorAll("code")].map((code) => code.textContent),
    };
  }
  const EXPECTED_CODE = [SCRIPT, BOLD, `${SCRIPT}\n${BOLD}\n`, `-${SCRIPT}\n+${BOLD}\n`, `${SCRIPT}\n${BOLD}\n`];

  test("on the post page", async () => {
    expect(inspect(await site.read("posts/tutorial/index.html"))).toEqual({ live: 0, code: EXPECTED_CODE });
  });

  test("in the excerpt on the home page and the tag page", async () => {
    for (const path of ["index.html", "tags/html/index.html"]) {
      const doc = await site.page(path);
      const card = [...doc.querySelectorAll("main li")].find((item) => item.textContent?.includes("A tutorial"))!;
      expect(card.querySelectorAll("script, b")).toHaveLength(0);
      expect(card.textContent).toContain(`Inline: ${SCRIPT} and ${BOLD} in the first paragraph.`);
    }
  });

  test("in RSS, Atom and JSON Feed content", async () => {
    const xml = (text: string, selector: string) => [...new DOMParser().parseFromString(text, "text/xml").querySelectorAll(selector)].map((node) => node.textContent ?? "");
    const contents = [
      ...xml(await site.read("feed.xml"), "item > description"),
      ...xml(await site.read("tags/html/feed.xml"), "item > description"),
      ...xml(await site.read("atom.xml"), "entry > content"),
      ...(JSON.parse(await site.read("feed.json")) as { items: Array<{ content_html: string }> }).items.map((item) => item.content_html),
    ];
    expect(contents).toHaveLength(4);
    for (const content of contents) expect(inspect(content)).toEqual({ live: 0, code: EXPECTED_CODE });
  });

  test("in the search index: the sample's text is what Pagefind indexed", async () => {
    const folder = join(site.output, "pagefind", "fragment");
    const fragments = await Promise.all((await readdir(folder)).map(async (name) => {
      // Pagefind's fragments: gzip of "pagefind_dcd" followed by JSON.
      const text = gunzipSync(await readFile(join(folder, name))).toString("utf8");
      return JSON.parse(text.slice(text.indexOf("{"))) as { url: string; content: string };
    }));
    const tutorial = fragments.find((fragment) => fragment.url.endsWith("/posts/tutorial/"))!;
    expect(tutorial.content).toContain(SCRIPT);
    expect(tutorial.content).toContain(BOLD);
  });
});
