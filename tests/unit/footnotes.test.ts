import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import postcss, { type AtRule, type Rule } from "postcss";
import { describe, expect, test } from "vitest";
import { SIDENOTE_LIMIT } from "../../src/footnotes.ts";
import { createMarkdown } from "../../src/markdown.ts";
import { projectRoot } from "../helpers/site.ts";

const md = createMarkdown();
const render = (markdown: string) => parseHTML(`<!doctype html><html><body>${md.render(markdown)}</body></html>`).document;

const sample = [
  "## Fn 1",
  "One[^a], two[^b], one again[^a], and inline^[An *inline* note.].",
  "[^a]: The first note.",
  "[^b]: A long note.\n\n    With a second paragraph.",
].join("\n\n");

describe("footnotes", () => {
  test("references are numbered links with an accessible name, each with a unique id", () => {
    const doc = render(sample);
    const refs = [...doc.querySelectorAll("sup.footnote-ref > a")];
    expect(refs.map((a) => [a.textContent, a.getAttribute("aria-label"), a.getAttribute("href"), a.id])).toEqual([
      ["1", "Footnote 1", "#fn_1", "fnref_1"],
      ["2", "Footnote 2", "#fn_2", "fnref_2"],
      ["1", "Footnote 1", "#fn_1", "fnref_1_2"],
      ["3", "Footnote 3", "#fn_3", "fnref_3"],
    ]);
    const ids = [...doc.querySelectorAll("[id]")].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    // A heading's slug can never take a footnote's id: slugs have no `_`.
    expect(doc.querySelector("h2")?.id).toBe("fn-1");
  });

  test("every link, forth and back, resolves to an element on the page", () => {
    const doc = render(sample);
    const links = [...doc.querySelectorAll(".footnote-ref a, a.footnote-backref")];
    expect(links).toHaveLength(4 + 4);
    for (const link of links) expect(doc.getElementById(link.getAttribute("href")!.slice(1)), link.outerHTML).not.toBeNull();
  });

  test("the notes are one list at the end, under a heading, each with back-links named for where they go", () => {
    const doc = render(sample);
    const section = doc.querySelector("body > section.footnotes")!;
    expect(section.querySelector(":scope > h2")?.textContent).toBe("Notes");
    const items = [...section.querySelectorAll(":scope > ol > li.footnote-item")];
    expect(items.map((li) => li.id)).toEqual(["fn_1", "fn_2", "fn_3"]);
    const backs = (li: Element) => [...li.querySelectorAll("a.footnote-backref")].map((a) => [a.getAttribute("aria-label"), a.getAttribute("href")]);
    expect(backs(items[0]!)).toEqual([["Back to reference 1, 1 of 2", "#fnref_1"], ["Back to reference 1, 2 of 2", "#fnref_1_2"]]);
    expect(backs(items[1]!)).toEqual([["Back to reference 2", "#fnref_2"]]);
    expect(backs(items[2]!)).toEqual([["Back to reference 3", "#fnref_3"]]);
    expect(items[1]!.querySelectorAll("p")).toHaveLength(2);
    expect(items[2]!.querySelector("em")?.textContent).toBe("inline");
  });

  test("a note's text is in the HTML once, however often it is referenced", () => {
    const html = md.render(sample);
    const text = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body.textContent ?? "";
    expect(text.split("The first note.")).toHaveLength(2);
    expect(text.split("With a second paragraph.")).toHaveLength(2);
  });

  test("no footnotes, no list", () => {
    expect(render("Text with [^nothing] defined.").querySelector(".footnotes, .footnote-ref")).toBeNull();
  });
});

describe("sidenotes in public/styles.css", () => {
  const root = postcss.parse(readFileSync(join(projectRoot, "public/styles.css"), "utf8"));
  const sidenoteRules: Rule[] = [];
  root.walkAtRules("supports", (atRule: AtRule) => {
    if (atRule.params === "(anchor-name: --a)") atRule.walkRules((rule) => void sidenoteRules.push(rule));
  });
  const declaration = (selector: string, property: string) => sidenoteRules.find((rule) => rule.selector === selector)?.nodes.find((node) => node.type === "decl" && node.prop === property)?.toString();

  test(`each of the first ${SIDENOTE_LIMIT} references and notes has its anchor name, and each note after the first is placed below the one before`, () => {
    for (let n = 1; n <= SIDENOTE_LIMIT; n++) {
      expect(declaration(`#fnref_${n}`, "anchor-name")).toBe(`anchor-name: --fnref_${n}`);
      expect(declaration(`#fn_${n}`, "anchor-name")).toBe(`anchor-name: --fn_${n}`);
      const top = declaration(`#fn_${n}`, "--sidenote-top");
      expect(top).toContain(`anchor(--fnref_${n} top)`);
      if (n > 1) expect(top).toContain(`anchor(--fn_${n - 1} bottom)`);
    }
    expect(sidenoteRules.find((rule) => rule.selector === `#fn_${SIDENOTE_LIMIT + 1}`)).toBeUndefined();
  });

  test("only those notes leave the list, and only on screens", () => {
    const placed = sidenoteRules.find((rule) => rule.selector === `.footnote-item:nth-child(-n + ${SIDENOTE_LIMIT})`)!;
    expect(placed.nodes.map(String)).toContain("position: absolute");
    expect((placed.parent as AtRule).params).toMatch(/^screen and \(min-width: \d+rem\)$/);
  });
});
