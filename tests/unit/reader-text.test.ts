import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { toExcerpt } from "../../src/excerpt.ts";
import { createMarkdown } from "../../src/markdown.ts";
import { toReaderText } from "../../src/reader-text.ts";
import type { TocEnv } from "../../src/toc.ts";

const md = createMarkdown();
const parse = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;

/**
 * Every inline construct the Markdown pipeline renders, as an author writes it and as a reader
 * reads it. `notes` are footnote definitions the construct needs at the end of the post.
 */
interface Construct {
  name: string;
  markdown: string;
  reads: string;
  notes?: string;
}

const INLINE: readonly Construct[] = [
  { name: "words", markdown: "plain words", reads: "plain words" },
  { name: "emphasis", markdown: "*soft* and **loud** and ~~gone~~", reads: "soft and loud and gone" },
  { name: "inline math", markdown: "$E = mc^2$", reads: "E=mc²" },
  { name: "math with scripts and a fraction", markdown: "$x_i^2 + \\frac{a+b}{2}$", reads: "xᵢ²+(a+b)/2" },
  { name: "display math in a paragraph", markdown: "$$\\sqrt{a+b}$$", reads: "√(a+b)" },
  { name: "footnote reference", markdown: "noted[^n]", reads: "noted", notes: "[^n]: The note itself." },
  { name: "inline footnote", markdown: "aside^[said in passing]", reads: "aside" },
  { name: "image", markdown: "![a red cat](cat.png)", reads: "a red cat" },
  { name: "inline code", markdown: "`a < b && c`", reads: "a < b && c" },
  { name: "named entities", markdown: "caf&eacute;&hellip; &NotNestedLessLess; &frac12;", reads: "café… ⪡̸ ½" },
  { name: "entities written once stay written", markdown: "&amp;lt; and &amp;amp;", reads: "&lt; and &amp;" },
  { name: "raw inline HTML", markdown: "<kbd>Ctrl</kbd>+<abbr title=\"x\">C</abbr>", reads: "Ctrl+C" },
  { name: "link", markdown: "[the docs](https://example.com/)", reads: "the docs" },
];

/** Blocks a post can open with before its first paragraph of prose; none of them is that paragraph. */
const OPENERS: ReadonlyArray<{ name: string; markdown: string }> = [
  { name: "nothing", markdown: "" },
  { name: "a callout", markdown: "> [!NOTE]\n> Updated since.\n" },
  { name: "a titled callout", markdown: "> [!TIP] Try this first\n> It helps.\n" },
  { name: "a diagram", markdown: "```mermaid\nflowchart LR\n  accTitle: The flow\n  A --> B\n```\n" },
  { name: "display math", markdown: "$$\n\\int_0^1 x\\,dx\n$$\n" },
  { name: "a code block", markdown: "```ts\nconst a = 1;\n```\n" },
  { name: "an image alone", markdown: "![a banner](banner.png)\n" },
];

/** Each ordered pair of constructs once, with an opener chosen in turn: every opener meets every construct. */
const PAIRS = INLINE.flatMap((first, i) => INLINE.map((second, j) => ({ first, second, opener: OPENERS[(i * INLINE.length + j) % OPENERS.length]! })));

const squash = (text: string) => text.replace(/[ \t\n\f\r]+/g, " ").trim();
const notesOf = (...constructs: Construct[]) => [...new Set(constructs.map((construct) => construct.notes).filter(Boolean))].join("\n\n");

describe("summaries are the first paragraph as a reader reads it", () => {
  test.each(PAIRS.map((pair) => [pair.opener.name, pair.first.name, pair.second.name, pair]))("after %s: %s, then %s", (_o, _a, _b, { opener, first, second }) => {
    const markdown = `${opener.markdown}\nLead ${first.markdown} then ${second.markdown} end.\n\nSecond paragraph.\n\n${notesOf(first, second)}\n`;
    expect(toExcerpt(md.render(markdown), 1000)).toBe(squash(`Lead ${first.reads} then ${second.reads} end.`));
  });

  test("a post that is only a callout is summarised by its body, never its title", () => {
    expect(toExcerpt(md.render("> [!WARNING]\n> Back up *first*.\n"))).toBe("Back up first.");
  });

  test("the first paragraph is found after long openers too (the parse grows past them)", () => {
    const long = `> [!NOTE]\n> ${"long note ".repeat(300)}\n\n\`\`\`text\n${"code line\n".repeat(300)}\`\`\`\n\nThe opening words $x^2$.\n`;
    expect(toExcerpt(md.render(long))).toBe("The opening words x².");
  });

  test("a paragraph cut in a prefix is read whole, not up to the cut", () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(" ");
    expect(toExcerpt(md.render(`${words}\n`), 100_000)).toBe(words);
  });
});

describe("headings read the same in the table of contents, in the section link and on the page", () => {
  test.each(PAIRS.map((pair) => [pair.first.name, pair.second.name, pair]))("## with %s and %s", (_a, _b, { first, second }) => {
    const env: TocEnv = {};
    const markdown = `## Why ${first.markdown} and ${second.markdown}\n\n### Two\n\n### Three\n\nText.\n\n${notesOf(first, second)}\n`;
    const doc = parse(md.render(markdown, env));
    const expected = squash(`Why ${first.reads} and ${second.reads}`);
    const heading = doc.querySelector("h2:not(.footnotes-title)")!;
    expect(env.toc?.[0]?.text).toBe(expected);
    expect(toReaderText(heading.outerHTML)).toBe(expected);
    const anchor = heading.parentElement!.querySelector(".heading-anchor")!;
    expect(anchor.getAttribute("href")).toBe(`#${encodeURIComponent(heading.id)}`);
    expect(anchor.querySelector(".visually-hidden")?.textContent).toBe(`Link to section: ${expected}`);
  });

  test("a heading with TeX that does not parse keeps its source text while parsing; the render reports the TeX", () => {
    const env: TocEnv = {};
    md.parse("## Bad $\\frac{$ math\n", env);
    expect(env.toc?.[0]?.text).toBe("Bad $\\frac{$ math");
    expect(() => md.render("## Bad $\\frac{$ math\n", {})).toThrow(/not TeX that Temml can read/);
  });
});

describe("a rule per construct", () => {
  const read = (markdown: string) => toReaderText(md.render(markdown));

  test("a callout reads its title, then its body", () => {
    expect(read("> [!CAUTION] Mind the gap\n> Step *over* it.")).toBe("Mind the gap Step over it.");
    expect(read("> [!NOTE]\n> Body.")).toBe("Note Body.");
  });

  test("math reads as drawn, never as the TeX in its annotation", () => {
    const cases: Array<[string, string]> = [
      ["$E = mc^2$", "E=mc²"],
      ["$e^{i\\pi} + 1 = 0$", "e^(iπ)+1=0"],
      ["$\\hat{x}$", "x̂"],
      ["$\\overline{AB}$", "A̅B̅"],
      ["$\\sqrt[3]{x}$", "³√x"],
      ["$$\n\\begin{pmatrix}1 & 2\\\\3 & 4\\end{pmatrix}\n$$", "(1 2; 3 4)"],
      ["$$\n\\begin{aligned}a &= b\\\\ c &= d\\end{aligned}\n$$", "a=b; c=d"],
      ["$$\nx + y\n$$ (7)", "x+y (7)"],
    ];
    for (const [markdown, reads] of cases) {
      const html = md.render(markdown);
      expect(parse(html).querySelector("annotation")).not.toBeNull();
      expect(toReaderText(html), markdown).toBe(reads);
    }
  });

  test("footnotes: references dropped, the list reads its heading and notes without back-links", () => {
    expect(read("One[^a] two[^a].\n\n[^a]: The *note*.")).toBe("One two. Notes The note.");
  });

  test("a diagram reads its accessible title: not the labels drawn in it, not its source", () => {
    const html = md.render("```mermaid\nflowchart LR\n  accTitle: Request flow\n  Client --> Server\n```");
    expect(parse(html).querySelector("svg text")?.textContent).toBe("Client");
    expect(toReaderText(html)).toBe("Request flow");
  });

  test("images read their alt; a decorative image says nothing", () => {
    expect(read('![A chart of costs](c.png) and <img src="d.png" alt="">.')).toBe("A chart of costs and .");
  });

  test("code reads its text, with its caption, without highlighting", () => {
    expect(read('```ts title="app.ts"\nconst a = 1 < 2;\n```')).toBe("app.ts · TypeScript const a = 1 < 2;");
  });

  test("heading anchors are dropped: a heading reads once", () => {
    expect(read("## Setup")).toBe("Setup");
  });

  test("tables read cell by cell, without the region's label", () => {
    expect(read("| Name | Cost |\n|---|---|\n| **A** | 1&nbsp;€ |")).toBe("Name Cost A 1\u00a0€");
  });

  test("blocks never run into each other, inline markup never splits a word", () => {
    expect(read("- one\n- two\n\ncare<em>ful</em><br>next")).toBe("one two careful next");
  });

  test("hidden and aria-hidden content is not read", () => {
    expect(toReaderText('<p>a<span hidden>b</span><span aria-hidden="true">c</span><script>d</script>e</p>')).toBe("ae");
  });

  test("entities are decoded once, by the parser, named ones included", () => {
    const entities: Array<[string, string]> = [
      ["&eacute;", "é"], ["&mdash;", "—"], ["&rarr;", "→"], ["&infin;", "∞"], ["&Alpha;", "Α"], ["&trade;", "™"],
      ["&NotNestedLessLess;", "⪡̸"], ["&ThickSpace;", "\u205f\u200a"], ["&amp;amp;", "&amp;"], ["&#x1F600;", "😀"], ["&#233;", "é"], ["&copy", "©"],
    ];
    for (const [entity, text] of entities) expect(toReaderText(`<p>x${entity}y</p>`), entity).toBe(`x${text}y`);
  });
});
