import { createRequire } from "node:module";
import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { RENDERED_FENCE_LANGUAGES } from "../../src/highlight.ts";
import { createMarkdown } from "../../src/markdown.ts";

/**
 * A code sample is text, always: whatever a fence's info string says, the
 * sample's markup reaches the page as characters, never as elements. Checked
 * as a property over every language name and alias Prism knows, in several
 * letter cases and forms, and over generated info strings.
 */
const md = createMarkdown();
md.enable("code"); // as Eleventy's instance after our Markdown plugin (see src/plugins/markdown.ts)

// The kind of sample every HTML or JavaScript tutorial has, plus an entity that must stay literal.
const SAMPLE = `<script>alert("x")</script>\n<b>bold</b> <img src="x" onerror="alert(1)">\n&amp; &lt;\n<!-- c -->\n`;

const components = createRequire(import.meta.url)("prismjs/components.json") as { languages: Record<string, { alias?: string | string[] } | string> };
const NAMES = Object.entries(components.languages)
  .filter(([id]) => id !== "meta")
  .flatMap(([id, entry]) => [id, ...(typeof entry === "string" ? [] : [entry.alias ?? []].flat())])
  .filter((name) => !RENDERED_FENCE_LANGUAGES.includes(name.toLowerCase()));

const cases = (name: string) => [name.toUpperCase(), name[0]!.toUpperCase() + name.slice(1), [...name].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join("")];
const forms = (name: string) => [name, `diff-${name}`, `${name}/0,2-3`, `${name} title="app.${name}" {1,3}`, `${name} title='<b>${name}</b> "q"'`, `${name}{1}`, `DIFF-${name}/1`, ...cases(name)];

/** The document a rendered Markdown fragment makes, and the elements a sample must never become. */
function liveElements(markdown: string): { codeTexts: string[]; live: number } {
  const { document } = parseHTML(`<!doctype html><html><body>${md.render(markdown)}</body></html>`);
  const live = document.querySelectorAll("script, b, img, [onerror]").length;
  return { codeTexts: [...document.querySelectorAll("code")].map((code) => code.textContent ?? ""), live };
}

/** Each info string's fence, all in one document: every sample must come out as its own text. */
function expectText(infos: string[], sample = SAMPLE): void {
  const markdown = infos.map((info) => "```" + info + "\n" + sample + "```\n").join("\n");
  const { codeTexts, live } = liveElements(markdown);
  expect(live, markdown).toBe(0);
  expect(codeTexts.map((text, index) => [infos[index], text])).toEqual(infos.map((info) => [info, sample]));
}

describe("a code sample is text, in every fence language Prism knows", () => {
  test(`all ${NAMES.length} names and aliases, in several letter cases and forms`, () => {
    for (const name of NAMES) expectText(forms(name));
  });
});

describe("a code sample is text, whatever the info string", () => {
  // A small deterministic generator: info strings mixing names, symbols, quotes, markup and spaces.
  const ALPHABET = [..."abcxyzJS-_/{},=\"'<>&;:#+. \t"].concat(["html", "script", "diff-", "{1,3}", "title=", "<b>", "&lt;", "\u00a0", "日本"]);
  function* infoStrings(count: number): Generator<string> {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < count; i++) {
      const length = 1 + (next() % 8);
      yield Array.from({ length }, () => ALPHABET[next() % ALPHABET.length]).join("").replace(/`/g, "");
    }
  }
  test("2,000 generated info strings", () => {
    expectText([...infoStrings(2000)]);
  });

  test("no info string, and tilde fences", () => {
    expectText([""]);
    const { codeTexts, live } = liveElements("~~~ html\n" + SAMPLE + "~~~\n");
    expect([live, codeTexts]).toEqual([0, [SAMPLE]]);
  });

  test("indented code, as CommonMark defines it", () => {
    const indented = SAMPLE.trimEnd().split("\n").map((line) => `    ${line}`).join("\n");
    const { codeTexts, live } = liveElements(`Text before.\n\n${indented}\n`);
    expect([live, codeTexts]).toEqual([0, [SAMPLE]]);
  });

  test("inline code", () => {
    const { codeTexts, live } = liveElements("Write `<script>alert(1)</script>` and `` <b>`x`</b> ``.");
    expect(live).toBe(0);
    expect(codeTexts).toEqual(["<script>alert(1)</script>", "<b>`x`</b>"]);
  });
});

describe("a title is text, whatever it holds", () => {
  // [info string, the title a reader sees]: entities in an info string are decoded first, as CommonMark says.
  const TITLES: Array<[info: string, title: string]> = [
    [`js title='<b>bold</b> "quoted"'`, `<b>bold</b> "quoted"`],
    [`js title="<script>alert('x')</script>"`, `<script>alert('x')</script>`],
    [`html title='<img src=x onerror="alert(1)">' {1}`, `<img src=x onerror="alert(1)">`],
    [`js title="&lt;b&gt; &amp;amp;"`, `<b> &amp;`],
    [`diff-js filename='a"><b>x</b>.js'`, `a"><b>x</b>.js`],
    [`title="<b>no language</b>"`, `<b>no language</b>`],
  ];
  test.each(TITLES)("%s", (info, title) => {
    expectText([info]);
    const { document } = parseHTML(`<!doctype html><html><body>${md.render("```" + info + "\n" + SAMPLE + "```\n")}</body></html>`);
    expect(document.querySelectorAll("script, b, img, [onerror]")).toHaveLength(0);
    expect(document.querySelector("figcaption .code-title")?.textContent).toBe(title);
  });
});

describe("marked lines", () => {
  test("a line inside a multi-line token is marked, and every line stays balanced markup", () => {
    const { document } = parseHTML(`<body>${md.render("```js/1\n/* one\n   two */\nlet x = `a\nb`;\n```\n")}</body>`);
    const lines = [...document.querySelectorAll("code > .highlight-line")];
    expect(lines.map((line) => line.textContent)).toEqual(["/* one", "   two */", "let x = `a", "b`;"]);
    expect(lines.map((line) => line.tagName)).toEqual(["SPAN", "MARK", "SPAN", "SPAN"]);
    expect(lines[1]!.querySelector(".token.comment")?.textContent).toBe("   two */");
  });
});
