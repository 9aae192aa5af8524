import { expect, test } from "vitest";
import { toExcerpt, toSummary } from "../../src/excerpt.ts";

test("is the text of the first paragraph, entities decoded", () => {
  expect(toExcerpt("<h2>Intro</h2><p>Tom &amp; <em>Jerry</em> &lt;3 &#8217;s</p><p>Second</p>")).toBe("Tom & Jerry <3 ’s");
});

test("cuts long text on a word boundary", () => {
  const excerpt = toExcerpt(`<p>${"word ".repeat(100)}</p>`, 50);
  expect(excerpt.endsWith("…")).toBe(true);
  expect(excerpt.length).toBeLessThanOrEqual(51);
  expect(excerpt).not.toMatch(/wor…$/);
});

test("is empty when there is no paragraph", () => {
  expect(toExcerpt("<pre><code>x</code></pre>")).toBe("");
});

test("skips paragraphs without text, such as a leading image", () => {
  expect(toExcerpt('<p><img src="a.png" alt="A"></p>\n<p>The real start.</p>')).toBe("The real start.");
});

test("reads the same wherever the first parse of the post's start ends: in a tag, an entity, a comment, a callout", () => {
  // The first paragraph starts at every offset around the first parse's end (1 KiB), so the cut falls everywhere in it and before it.
  const paragraph = `<p>Caf&eacute; <em>au</em> lait&hellip; <math><semantics><msup><mi>c</mi><mn>2</mn></msup><annotation encoding="application/x-tex">c^2</annotation></semantics></math><sup class="footnote-ref"><a href="#fn_1">1</a></sup> <!-- a -> comment --> done.</p>\n<p>Next.</p>`;
  for (let pad = 700; pad <= 1100; pad++) {
    const opener = `<div class="callout callout-note" role="note">\n<p class="callout-title"><strong>Note</strong></p>\n<p>${"x".repeat(pad)}</p>\n</div>\n`;
    expect(toExcerpt(opener + paragraph), `pad ${pad}`).toBe("Café au lait… c² done.");
  }
});

test("a summary is the author's description, else the excerpt", () => {
  const html = '<div class="callout" role="note"><p class="callout-title"><strong>Note</strong></p><p>Aside.</p></div><p>Opening &amp; more.</p>';
  expect(toSummary("  Written by hand. ", html)).toBe("Written by hand.");
  for (const missing of [undefined, "", "   ", 42, null]) expect(toSummary(missing, html)).toBe("Opening & more.");
});
