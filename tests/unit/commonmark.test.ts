import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Eleventy, { type PageData } from "@11ty/eleventy";
import { parseHTML } from "linkedom";
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
  /** Removes exactly the markup the feature adds, on the parsed output; throws if what it finds is not what the feature writes. */
  undo?: (root: Element) => void;
  /** Only these examples, when the feature applies to a few. */
  examples?: readonly number[];
  /** Or: examples the feature refuses to render as a post, with the error it stops the build with. */
  refuses?: { examples: readonly number[]; error: RegExp };
}

/** Replaces an element by its children. */
function unwrap(element: Element): void {
  element.replaceWith(...element.childNodes);
}

/** Where the blog's output differs from the spec's on purpose; every other example must match it exactly. */
export const INTENDED_DIFFERENCES = {
  headingIds: {
    reason: "Every heading gets a stable id and every h2–h6 a '#' link after it, wrapped in div.heading-wrapper, so sections can be linked to.",
    undo: (root) => {
      for (const wrapper of root.querySelectorAll("div.heading-wrapper")) {
        const [heading, anchor] = [...wrapper.children];
        if (!heading || !/^H[2-6]$/.test(heading.tagName) || anchor?.getAttribute("href") !== `#${encodeURIComponent(heading.id)}` || wrapper.children.length !== 2) {
          throw new Error(`unexpected heading wrapper: ${wrapper.outerHTML}`);
        }
        wrapper.replaceWith(heading);
      }
      for (const heading of root.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
        if (!heading.id) throw new Error(`heading without an id: ${heading.outerHTML}`);
        heading.removeAttribute("id");
      }
    },
  },
  highlighting: {
    reason:
      "Code blocks are highlighted at build time: `tabindex` (keyboard scrolling) and the language class on <pre>, Prism token spans inside <code>; a block with a language is a figure.code-block captioned with its name.",
    undo: (root) => {
      // The caption src/highlight.ts writes: the language label (the spec's fences have no titles), nothing else.
      for (const figure of root.querySelectorAll("figure.code-block")) {
        const [caption, pre, ...rest] = [...figure.children];
        const labels = caption ? [...caption.children] : [];
        if (caption?.tagName !== "FIGCAPTION" || pre?.tagName !== "PRE" || rest.length > 0 || labels.length !== 1 || labels[0]!.className !== "code-language" || labels[0]!.children.length > 0 || figure.childNodes.length !== 2) {
          throw new Error(`unexpected code block figure: ${figure.outerHTML}`);
        }
        figure.replaceWith(pre);
      }
      // Ours carry tabindex; a <pre> written as raw HTML in the Markdown is the author's, left alone.
      for (const pre of root.querySelectorAll("pre[tabindex]")) {
        if (pre.getAttribute("tabindex") !== "0" || !pre.className.startsWith("language-")) throw new Error(`unexpected <pre>: ${pre.outerHTML}`);
        pre.removeAttribute("tabindex");
        pre.removeAttribute("class");
        for (const token of pre.querySelectorAll("code span.token")) unwrap(token);
      }
    },
  },
  explicitUrls: {
    reason: "A URL written out with https:// (or www.) becomes a link, as GitHub's autolink extension does; the spec's core has no such rule. Domain-like words (Fly.io) and e-mail addresses stay text.",
    examples: [602, 608, 611],
    undo: (root) => {
      for (const link of root.querySelectorAll("a")) {
        if (link.getAttribute("href") !== link.textContent) throw new Error(`not a linkified URL: ${link.outerHTML}`);
        unwrap(link);
      }
    },
  },
  localImages: {
    reason: "A relative image (the spec's train.jpg, moon.jpg) is optimised from the file beside the post; a missing one stops the build with the post's name.",
    refuses: { examples: [517, 520, 531, 573, 576, 577, 578, 580], error: /image "[^"]+" not found/ },
  },
  siteImages: {
    reason: "A site-rooted image (the spec's /url, /url2) is served from public/; one that is not there stops the build with the post's name.",
    refuses: { examples: [572, 574, 575, 579, 581, 582, 583, 584, 585, 586, 587, 588, 589, 591], error: /image "[^"]+" not found/ },
  },
  sourceLinks: {
    reason: "A link to a Markdown file (the spec's ./target.md) is a link to that post's page; one to a file that is not a published post stops the build at its line.",
    refuses: { examples: [484], error: /links to "\.\/target\.md", but there is no/ },
  },
} satisfies Record<string, IntendedDifference>;

type Undo = (html: string, example: number) => string;

const REFUSALS = Object.values(INTENDED_DIFFERENCES as Record<string, IntendedDifference>).flatMap((difference) => (difference.refuses ? [difference.refuses] : []));

/** A fragment parsed and serialised again, changed by `change` in between. */
function reparse(html: string, change: (root: Element) => void = () => {}): string {
  const { document } = parseHTML(`<!doctype html><html><body><main>${html}</main></body></html>`);
  const root = document.querySelector("main")!;
  change(root);
  return root.innerHTML;
}
const UNDOS: Array<[category: string, undo: Undo]> = Object.entries(INTENDED_DIFFERENCES).flatMap(([category, difference]: [string, IntendedDifference]) => {
  const { undo, examples } = difference;
  if (!undo) return [];
  const apply: Undo = (html, example) => (examples && !examples.includes(example) ? html : reparse(html, undo));
  return [[category, apply]];
});

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
  const render = (markdown: string) => post.md.render(markdown, { page: post.page });
  // Only outputs with a feature's markup are re-parsed: parsing repairs raw HTML that the spec passes through unbalanced.
  const FEATURE_MARKUP = ['class="heading-wrapper"', '<h1 id="', '<pre class="language-'];
  const hasFeature = (html: string, example: number) => FEATURE_MARKUP.some((marker) => html.includes(marker)) || INTENDED_DIFFERENCES.explicitUrls.examples.includes(example);
  // Parsing repairs unbalanced raw HTML, so when the output is re-parsed the expected HTML is too, the same way.
  const compare = (html: string, expected: string, example: number) => {
    if (!hasFeature(html, example)) return [normalizeHtml(html), normalizeHtml(expected)];
    return [normalizeHtml(UNDOS.reduce((result, [, undo]) => undo(result, example), html)), normalizeHtml(reparse(expected))];
  };

  it.each(examples)("example $number ($section)", ({ number, markdown, html }) => {
    const refusal = REFUSALS.find((refuses) => refuses.examples.includes(number));
    if (refusal) {
      // The post's render throws (markdown-it's own render, under the wrapper that collects post errors for the build report).
      expect(() => MarkdownIt.prototype.render.call(post.md, markdown, { page: post.page })).toThrow(refusal.error);
      // Without a post's page the images and link plugins step aside: the rest must be the spec's output.
      const [actual, expected] = compare(post.md.render(markdown, {}), html, number);
      expect(actual).toBe(expected);
      return;
    }
    const [actual, expected] = compare(render(markdown), html, number);
    expect(actual).toBe(expected);
  });

  // A category that no longer changes any example is stale and should go.
  it.each(UNDOS)("intended difference %s still applies", (_, undo) => {
    const refused = new Set(REFUSALS.flatMap((refuses) => refuses.examples));
    const changed = examples.filter(({ number, markdown }) => !refused.has(number) && normalizeHtml(undo(render(markdown), number)) !== normalizeHtml(render(markdown)));
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
