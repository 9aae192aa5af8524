import { expect, test } from "vitest";
import { toExcerpt } from "../../src/excerpt.ts";

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
