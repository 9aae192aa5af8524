import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { CALLOUT_KINDS } from "../../src/callouts.ts";
import { createMarkdown } from "../../src/markdown.ts";
import { toExcerpt } from "../../src/excerpt.ts";
import { toReaderText } from "../../src/reader-text.ts";

const md = createMarkdown();
const render = (markdown: string) => parseHTML(`<!doctype html><html><body>${md.render(markdown)}</body></html>`).document;

describe("callouts (GitHub alerts)", () => {
  test.each(CALLOUT_KINDS)("> [!%s] is a note with its kind as a visible, bold title", (kind) => {
    const doc = render(`> [!${kind.toUpperCase()}]\n> Body *text*.`);
    const callout = doc.querySelector(`div.callout.callout-${kind}`)!;
    expect(callout).not.toBeNull();
    expect(callout.getAttribute("role")).toBe("note");
    const title = callout.querySelector(":scope > p.callout-title > strong");
    expect(title?.textContent).toBe(kind[0]!.toUpperCase() + kind.slice(1));
    expect(callout.querySelector(":scope > p:not(.callout-title)")?.innerHTML).toBe("Body <em>text</em>.");
    expect(doc.querySelector("blockquote")).toBeNull();
  });

  test("no icon, no inline style, nothing but our classes", () => {
    const doc = render(CALLOUT_KINDS.map((kind) => `> [!${kind}]\n> x`).join("\n\n"));
    expect(doc.querySelectorAll("div.callout")).toHaveLength(5);
    expect(doc.querySelectorAll("svg, [style]")).toHaveLength(0);
    const classes = new Set([...doc.querySelectorAll("[class]")].flatMap((element) => [...element.classList]));
    expect([...classes].sort()).toEqual(["callout", "callout-caution", "callout-important", "callout-note", "callout-tip", "callout-title", "callout-warning"]);
  });

  test("a quote inside a callout stays inside it (markdown-it-github-alerts closes at the inner quote's end)", () => {
    const doc = render("> [!WARNING]\n> Before.\n>\n> > Quoted.\n>\n> After.\n\nOutside.");
    const callout = doc.querySelector("div.callout-warning")!;
    expect(callout.querySelector(":scope > blockquote > p")?.textContent).toBe("Quoted.");
    expect([...callout.querySelectorAll(":scope > p")].map((p) => p.textContent)).toEqual(["Warning", "Before.", "After."]);
    expect(doc.body.querySelector(":scope > p")?.textContent).toBe("Outside.");
  });

  test("a title written after the marker is text, escaped", () => {
    const doc = render("> [!TIP] Use <b>this</b> & that\n> Body.");
    const title = doc.querySelector(".callout-tip .callout-title strong")!;
    expect(title.textContent).toBe("Use <b>this</b> & that");
    expect(title.querySelector("b")).toBeNull();
  });

  test("a plain quote, or an unknown marker, stays a quote", () => {
    const doc = render("> Just a quote.\n\n> [!FOO]\n> Not a kind.");
    expect(doc.querySelectorAll("blockquote")).toHaveLength(2);
    expect(doc.querySelector(".callout")).toBeNull();
  });
});

describe("callouts as text (src/reader-text.ts, src/excerpt.ts)", () => {
  test.each(CALLOUT_KINDS)("a post opening with > [!%s] is summarised by its own first paragraph; the callout reads title then body", (kind) => {
    const html = md.render(`> [!${kind.toUpperCase()}]\n> An *aside*.\n\nThe opening words.\n`);
    expect(toExcerpt(html)).toBe("The opening words.");
    expect(toReaderText(html)).toBe(`${kind[0]!.toUpperCase()}${kind.slice(1)} An aside. The opening words.`);
  });
});
