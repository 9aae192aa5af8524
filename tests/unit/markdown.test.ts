import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown.ts";
import { isKnownLanguage } from "../../src/highlight.ts";

const md = createMarkdown();
const render = (markdown: string) => parseHTML(`<!doctype html><html><body>${md.render(markdown)}</body></html>`).document;

describe("code fences", () => {
  test("a known language gets Prism token spans at build time", () => {
    const doc = render("```python\ndef f(x):\n    return 'hi'\n```");
    const pre = doc.querySelector("pre")!;
    expect(pre.getAttribute("class")).toBe("language-python");
    expect(pre.querySelector("code")?.getAttribute("class")).toBe("language-python");
    expect(pre.getAttribute("tabindex")).toBe("0");
    expect(doc.querySelector(".token.keyword")?.textContent).toBe("def");
    expect(doc.querySelector(".token.string")?.textContent).toBe("'hi'");
    expect(pre.textContent).toBe("def f(x):\n    return 'hi'\n");
  });

  test.each(["unknown-lang", "", "text", "\"><script>alert(1)</script>"])("fence %j renders escaped plain code", (language) => {
    const doc = render("```" + language + "\n<div class=\"x\">&amp;</div>\n```");
    expect(doc.querySelector("div.x")).toBeNull();
    expect(doc.querySelector("script")).toBeNull();
    expect(doc.querySelector("pre code")?.textContent).toBe('<div class="x">&amp;</div>\n');
    expect(doc.querySelectorAll(".token")).toHaveLength(0);
  });

  test("line highlighting follows the syntax highlight plugin", () => {
    const doc = render("```js/1\nconst a = 1;\nconst b = 2;\n```");
    const lines = doc.querySelectorAll(".highlight-line");
    expect(lines).toHaveLength(2);
    expect(lines[1]!.classList.contains("highlight-line-active")).toBe(true);
    expect(lines[0]!.classList.contains("highlight-line-active")).toBe(false);
  });

  test("diff fences mark inserted and deleted lines", () => {
    const doc = render("```diff-js\n-const a = 1;\n+const a = 2;\n```");
    expect(doc.querySelector(".token.deleted")?.textContent).toContain("const a = 1;");
    expect(doc.querySelector(".token.inserted")?.textContent).toContain("const a = 2;");
  });

  test("Prism languages are recognised, nonsense is not", () => {
    expect(isKnownLanguage("typescript")).toBe(true);
    expect(isKnownLanguage("yaml")).toBe(true);
    expect(isKnownLanguage("klingon")).toBe(false);
  });
});

describe("headings", () => {
  test("never repeat an id, even against an author's own numbered heading, nor take the layout's ids", () => {
    const doc = render("## Setup\n\n## Setup 2\n\n## Setup\n\n## Main\n\n## Contents");
    const ids = [...doc.querySelectorAll("h2")].map((h) => h.id);
    expect(ids).toEqual(["setup", "setup-2", "setup-3", "main-2", "contents"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("get stable, unique ids from their text", () => {
    const doc = render("## Why it matters\n\n## Why it matters\n\n### C++ & you");
    expect([...doc.querySelectorAll("h2, h3")].map((h) => h.id)).toEqual(["why-it-matters", "why-it-matters-2", "c-plus-plus-and-you"]);
  });
});

describe("heading anchors and table of contents", () => {
  test("each section heading is followed by a link to it with a readable name, and keeps its id", () => {
    const doc = render("## Why it matters\n\ntext");
    const heading = doc.querySelector("h2")!;
    expect(heading.id).toBe("why-it-matters");
    expect(heading.textContent).toBe("Why it matters");
    const anchor = heading.nextElementSibling!;
    expect(anchor.getAttribute("href")).toBe("#why-it-matters");
    expect(anchor.querySelector(".visually-hidden")?.textContent).toBe("Link to section: Why it matters");
    expect(anchor.querySelector('[aria-hidden="true"]')?.textContent).toBe("#");
  });

  test("a page title (h1) gets no anchor", () => {
    const doc = render("# About\n\ntext");
    expect(doc.querySelector(".heading-anchor")).toBeNull();
  });

  test("h2 and h3 headings are left on the render env for the layout's table of contents", () => {
    const env: { toc?: unknown } = {};
    md.render("## One\n\n### Two `code`\n\n#### Deep\n\n## One", env);
    expect(env.toc).toEqual([
      { id: "one", text: "One", level: 2 },
      { id: "two-code", text: "Two code", level: 3 },
      { id: "one-2", text: "One", level: 2 },
    ]);
  });
});

describe("tables", () => {
  test("column alignment is a class, never a style attribute, and the table scrolls in its own named, focusable region", () => {
    const doc = render("| Region | Cold start (ms) |\n|:--|--:|\n| eu-west-1 | 120 |\n");
    expect(doc.querySelectorAll("[style]")).toHaveLength(0);
    expect([...doc.querySelectorAll("th, td")].map((cell) => cell.className)).toEqual(["align-left", "align-right", "align-left", "align-right"]);
    const region = doc.querySelector("table")!.parentElement!;
    expect([region.tagName, region.className, region.getAttribute("tabindex"), region.getAttribute("aria-label")]).toEqual(["SECTION", "table-scroll", "0", "Table: Region, Cold start (ms)"]);
  });
});
