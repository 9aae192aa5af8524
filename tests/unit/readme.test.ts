import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import MarkdownIt from "markdown-it";
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown.ts";
import { projectRoot } from "../helpers/site.ts";

/**
 * README.md as GitHub shows it: rendered by a CommonMark renderer (markdown-it,
 * as GitHub's cmark-gfm would), its structure checked, and its examples run.
 */
const source = readFileSync(join(projectRoot, "README.md"), "utf8");
const { document } = parseHTML(`<!doctype html><html><body>${new MarkdownIt({ html: true }).render(source)}</body></html>`);
const headings = (selector: string) => [...document.querySelectorAll(selector)].map((heading) => heading.textContent?.trim());
const codeBlocks = [...document.querySelectorAll("pre > code")];

describe("README.md", () => {
  test("opens with the quick start, and every section is a heading, not swallowed by a code block", () => {
    expect(headings("h1")).toHaveLength(1);
    const sections = headings("h2");
    expect(sections[0]).toBe("Quick start");
    for (const section of ["Writing posts", "Tags and feeds", "Folder layout", "Configuring the site", "Security", "Deploying", "Testing", "Performance"]) expect(sections).toContain(section);
    expect(headings("h3")).toEqual(expect.arrayContaining(["Front matter reference", "Drafts and scheduling"]));
    // A code block never contains a section of the README.
    for (const code of codeBlocks) expect(code.textContent).not.toMatch(/^#{2,3} (Front matter reference|Tags and feeds|Folder layout)$/m);
  });

  test("the quick start has exactly the two set-up commands, each in its own block", () => {
    const quickStart: Element[] = [];
    for (let node = document.querySelector("h2")!.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) quickStart.push(node);
    const commands = quickStart.filter((node) => node.matches("pre")).map((pre) => pre.textContent?.trim());
    expect(commands).toEqual(["npm ci && npm start", "npm ci && npm test"]);
  });

  test("the example post is one code block that shows its own code fence", () => {
    const example = codeBlocks.find((code) => code.className === "language-markdown" && code.textContent?.includes('title: "Cold starts, measured"'))!;
    expect(example.textContent).toContain("```python\ndef handler(event, context):");
    expect(example.textContent?.trimEnd().endsWith("```")).toBe(true);
  });

  test("the line-marking example marks the lines it says it marks", () => {
    const example = codeBlocks.find((code) => code.textContent?.startsWith("```js/0,2-3"))!;
    const rendered = parseHTML(`<body>${createMarkdown().render(example.textContent!)}</body>`).document;
    const lines = [...rendered.querySelectorAll("code > .highlight-line")];
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line.tagName === "MARK").toBe(line.textContent!.includes("// marked"));
  });

  test("speaks to a newcomer: no internal issue numbers", () => {
    expect(source).not.toMatch(/\bissues? \d+\b/i);
  });
});
