import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Eleventy, { type PageData } from "@11ty/eleventy";
import MarkdownIt from "markdown-it";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeHtml } from "../helpers/commonmark-normalize.ts";
import { configPath } from "../helpers/site.ts";

interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

interface IntendedDifference {
  reason: string;
  /** Removes exactly the markup the feature adds (normalised HTML in, normalised HTML out). */
  undo?: (html: string) => string;
  /** Or: examples the feature refuses to render as a post, with the error it stops the build with. */
  refuses?: { examples: readonly number[]; error: RegExp };
}

// An anchored h2–h6 as src/markdown.ts writes it, the link pointing at its own heading.
const ANCHORED_HEADING = /<div class="heading-wrapper">(<h([2-6]) id="([^"]*)">[\s\S]*?<\/h\2>)<a class="heading-anchor" data-pagefind-ignore href="#\3"><span aria-hidden="true">#<\/span><span class="visually-hidden">Link to section: [^<]*<\/span><\/a><\/div>/g;
const HIGHLIGHTED_CODE = /<pre class="language-[^"]*" tabindex="0">(<code[^>]*>)([\s\S]*?)<\/code><\/pre>/g;

/** Where the blog's output differs from the spec's on purpose; every other example must match it exactly. */
export const INTENDED_DIFFERENCES = {
  headingIds: {
    reason: "Every heading gets a stable id and every h2–h6 a '#' link after it, wrapped in div.heading-wrapper, so sections can be linked to.",
    undo: (html) => html.replace(ANCHORED_HEADING, "$1").replace(/<(h[1-6]) id="[^"]*">/g, "<$1>"),
  },
  highlighting: {
    reason: "Code blocks are highlighted at build time: `tabindex` (keyboard scrolling) and the language class on <pre>, Prism token spans inside <code>.",
    undo: (html) => html.replace(HIGHLIGHTED_CODE, (_, code: string, body: string) => `<pre>${code}${body.replace(/<span class="token [^"]*">|<\/span>/g, "")}</code></pre>`),
  },
  localImages: {
    reason: "A relative image (the spec's train.jpg, moon.jpg) is optimised from the file beside the post; a missing one stops the build with the post's name.",
    refuses: { examples: [517, 520, 531, 573, 576, 577, 578, 580], error: /image "[^"]+" not found/ },
  },
} satisfies Record<string, IntendedDifference>;

type Undo = (html: string) => string;
const UNDOS: Array<[category: string, undo: Undo]> = Object.entries(INTENDED_DIFFERENCES).flatMap(([category, difference]: [string, IntendedDifference]) => (difference.undo ? [[category, difference.undo] as [string, Undo]] : []));

/** The spec shows tabs as → so they are visible; its own runner (spec_tests.py) turns them back into tabs. */
function specExamples(): SpecExample[] {
  const { tests } = createRequire(import.meta.url)("commonmark-spec") as { tests: SpecExample[] };
  return tests.map((example) => ({ ...example, markdown: example.markdown.replace(/→/g, "\t"), html: example.html.replace(/→/g, "\t") }));
}

interface PostRenderer {
  md: MarkdownIt;
  page: PageData;
}

/**
 * The markdown-it instance Eleventy itself renders with, from the real config:
 * one in-memory build of one virtual post makes Eleventy create its Markdown
 * engine, which applies `disable("code")` and every `amendLibrary` to the
 * library our config sets. An amendment of our own (public API) hands us that
 * same object; a transform hands us the `page` data a post renders with.
 * Eleventy runs from an empty folder, as tests/helpers/site.ts runs it from a
 * fixture, so no real post or page is built.
 */
async function eleventyMarkdown(): Promise<PostRenderer> {
  let md: MarkdownIt | undefined;
  let page: PageData | undefined;
  const input = await mkdtemp(join(tmpdir(), "blog-commonmark-"));
  const previous = { cwd: process.cwd(), searchIndex: process.env.SEARCH_INDEX };
  process.env.SEARCH_INDEX = "off";
  process.chdir(input);
  try {
    const eleventy = new Eleventy(".", "_site", {
      quietMode: true,
      configPath,
      config: (eleventyConfig) => {
        eleventyConfig.amendLibrary("md", (library) => void (md = library));
        eleventyConfig.addTemplate("posts/commonmark.md", "Text.", { title: "CommonMark" });
        eleventyConfig.addTransform("capture-page", function (content) {
          page = this.page;
          return content;
        });
      },
    });
    await eleventy.toJSON();
  } finally {
    process.chdir(previous.cwd);
    if (previous.searchIndex === undefined) delete process.env.SEARCH_INDEX;
    else process.env.SEARCH_INDEX = previous.searchIndex;
    await rm(input, { recursive: true, force: true });
  }
  if (!md || !page) throw new Error("Eleventy built no Markdown post: the markdown engine was never created");
  return { md, page };
}

const examples = specExamples();

describe("CommonMark 0.31.2 spec, rendered as Eleventy renders a post", () => {
  let post: PostRenderer;
  beforeAll(async () => {
    post = await eleventyMarkdown();
  });
  const render = (markdown: string) => normalizeHtml(post.md.render(markdown, { page: post.page }));
  const undoIntended = (html: string) => UNDOS.reduce((result, [, undo]) => undo(result), html);

  it.each(examples)("example $number ($section)", ({ number, markdown, html }) => {
    const expected = normalizeHtml(html);
    const images = INTENDED_DIFFERENCES.localImages.refuses;
    if (images.examples.includes(number)) {
      expect(() => render(markdown)).toThrow(images.error);
      // Without a post's page the images plugin steps aside: the rest must be the spec's output.
      expect(undoIntended(normalizeHtml(post.md.render(markdown, {})))).toBe(expected);
      return;
    }
    expect(undoIntended(render(markdown))).toBe(expected);
  });

  // A category that no longer changes any example is stale and should go.
  it.each(UNDOS)("intended difference %s still applies", (_, undo) => {
    const refused = new Set(INTENDED_DIFFERENCES.localImages.refuses.examples);
    const changed = examples.filter(({ number, markdown }) => !refused.has(number) && undo(render(markdown)) !== render(markdown));
    expect(changed.length).toBeGreaterThan(0);
  });
});

describe("the normaliser", () => {
  // markdown-it is CommonMark-compliant; with linkify on, only the spec's bare URLs and e-mail address differ.
  it("lets plain markdown-it pass every example but the four linkify ones", () => {
    const md = new MarkdownIt({ html: true, linkify: true });
    const failing = examples.filter(({ markdown, html }) => normalizeHtml(md.render(markdown)) !== normalizeHtml(html));
    expect(failing.map(({ number }) => number)).toEqual([602, 608, 611, 612]);
  });
});
