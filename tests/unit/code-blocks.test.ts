import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { languageLabel, parseFenceInfo } from "../../src/highlight.ts";
import { createMarkdown } from "../../src/markdown.ts";

/**
 * Fences written for other generators: titles, 1-based `{…}` line marks next
 * to the syntax highlight plugin's 0-based `/…`, language labels, diffs and
 * terminal sessions, as the HTML a reader (or a feed reader) gets.
 */
const md = createMarkdown();
const render = (markdown: string) => parseHTML(`<!doctype html><html><body>${md.render(markdown)}</body></html>`).document;
const fence = (info: string, code = "one\ntwo\nthree\nfour\n") => render("```" + info + "\n" + code + "```\n");
const markedIn = (doc: Document) => [...doc.querySelectorAll("code > .highlight-line")].map((line) => line.tagName === "MARK");

describe("titles", () => {
  test.each([
    ['js title="app.js"', "app.js"],
    ["js title='app.js'", "app.js"],
    ['js filename="src/app.js"', "src/app.js"],
    ["js title=app.js", "app.js"],
    ['js {2} title="my app.js" showLineNumbers', "my app.js"],
    ['title="app.js"', "app.js"],
    ['js title="first" title="second"', "first"],
  ])("%s has the title %j", (info, title) => {
    expect(parseFenceInfo(info).title).toBe(title);
  });

  test.each(["js", 'js title=""', "js app.js", 'js data-title="x"'])("%s has none", (info) => {
    expect(parseFenceInfo(info).title).toBe("");
  });

  test("a title is shown as the caption of the block, before its language", () => {
    const doc = fence('js title="app.js"', "let a = 1;\n");
    const figure = doc.querySelector("figure.code-block")!;
    expect([...figure.children].map((child) => child.tagName)).toEqual(["FIGCAPTION", "PRE"]);
    expect(figure.querySelector(".code-title")?.textContent).toBe("app.js");
    expect(figure.querySelector(".code-language")?.textContent).toBe("JavaScript");
    // Feed readers show it without our stylesheet: one readable line.
    expect(figure.querySelector("figcaption")?.textContent).toBe("app.js · JavaScript");
    expect(figure.querySelector("pre code")?.textContent).toBe("let a = 1;\n");
  });

  test("a title with markup and quotes is text", () => {
    const doc = fence(`html title='<b>x</b> "quoted" & <img src=x onerror=alert(1)>'`);
    expect(doc.querySelectorAll("b, img, [onerror]")).toHaveLength(0);
    expect(doc.querySelector(".code-title")?.textContent).toBe('<b>x</b> "quoted" & <img src=x onerror=alert(1)>');
  });
});

describe("marked lines", () => {
  test("{1,3-4} (1-based) and /0,2-3 (0-based) mark the same lines, in the same markup", () => {
    const oneBased = fence("js {1,3-4}");
    const zeroBased = fence("js/0,2-3");
    expect(markedIn(oneBased)).toEqual([true, false, true, true]);
    expect(markedIn(zeroBased)).toEqual([true, false, true, true]);
    expect(oneBased.querySelector("code")!.innerHTML).toBe(zeroBased.querySelector("code")!.innerHTML);
    expect([...parseFenceInfo("js {1,3-4}").marked]).toEqual([...parseFenceInfo("js/0,2-3").marked]);
  });

  test.each([
    ["js{1,3}", [true, false, true, false]],
    ["js {1, 3}", [true, false, true, false]],
    ["js mark={2}", [false, true, false, false]],
    ["js/0 {4}", [true, false, false, true]],
    ['js title="a{b}.js" {2}', [false, true, false, false]],
    ["{2}", [false, true, false, false]],
    ["js {0}", []],
    ["js {x,-1}", []],
  ])("%s", (info, marks) => {
    expect(markedIn(fence(info))).toEqual(marks);
  });

  test("VitePress's js{1,3} is JavaScript, highlighted", () => {
    expect(parseFenceInfo("js{1,3}").language).toBe("js");
    const doc = fence("js{1,3}", "const a = 1;\n");
    expect(doc.querySelector("pre")?.className).toBe("language-javascript");
    expect(doc.querySelector(".token.keyword")?.textContent).toBe("const");
  });

  test("a block without marks or a diff keeps Prism's markup as it is, line by line", () => {
    expect(fence("js").querySelectorAll(".highlight-line")).toHaveLength(0);
  });
});

describe("language labels", () => {
  test.each([
    ["js", "JavaScript"],
    ["JS", "JavaScript"],
    ["html", "HTML"],
    ["sh", "Shell"],
    ["ts{1}", "TypeScript"],
    ["diff-js", "JavaScript diff"],
    ["diff", "Diff"],
    ["njk", "Nunjucks"],
    ["console", "Shell session"],
    ["klingon", "klingon"],
  ])("%s is labelled %j", (info, label) => {
    expect(languageLabel(parseFenceInfo(info))).toBe(label);
    expect(fence(info).querySelector("figure.code-block > figcaption > .code-language")?.textContent).toBe(label);
  });

  test.each(["", "text", "txt", "plaintext", ";", "{1}"])("%j has no label, and no caption: a bare <pre>", (info) => {
    const doc = fence(info);
    expect(doc.querySelector("figure, figcaption")).toBeNull();
    expect(doc.body.firstElementChild?.tagName).toBe("PRE");
  });

  test("indented code is a bare <pre> too", () => {
    const doc = render("Text.\n\n    let a = 1;\n");
    expect(doc.querySelector("figure")).toBeNull();
    expect(doc.querySelector("pre > code")?.textContent).toBe("let a = 1;\n");
  });

  test("the label is left out of the search index; the title is not", () => {
    const doc = fence('js title="app.js"');
    expect(doc.querySelector(".code-language")?.hasAttribute("data-pagefind-ignore")).toBe(true);
    expect(doc.querySelector(".code-title")?.hasAttribute("data-pagefind-ignore")).toBe(false);
  });
});

describe("diffs", () => {
  test("every line is its own element, the changed ones classed as added or removed", () => {
    const doc = fence("diff-js", " let a;\n-a = 1;\n+a = 2;\n@@ -1 +1 @@\n");
    const lines = [...doc.querySelectorAll("code > .highlight-line")];
    expect(lines.map((line) => [line.textContent, line.classList.contains("highlight-line-add"), line.classList.contains("highlight-line-remove")])).toEqual([
      [" let a;", false, false],
      ["-a = 1;", false, true],
      ["+a = 2;", true, false],
      ["@@ -1 +1 @@", false, false],
    ]);
    expect(doc.querySelector(".highlight-line-remove .token.deleted .token.prefix")?.textContent).toBe("-");
    expect(doc.querySelector(".highlight-line-add .token.keyword")).toBeNull();
    expect(doc.querySelector(".highlight-line .token.keyword")?.textContent).toBe("let");
  });

  test("a marked line of a diff is both", () => {
    const lines = [...fence("diff-js {2}", "-a = 1;\n+a = 2;\n").querySelectorAll("code > .highlight-line")];
    expect(lines.map((line) => `${line.tagName} ${line.className}`)).toEqual(["SPAN highlight-line highlight-line-remove", "MARK highlight-line highlight-line-active highlight-line-add"]);
  });
});

describe("terminal sessions", () => {
  const SESSION = '$ npm ci\nadded 3 packages\nuser@host:~$ echo "a" \\\n  | tr a b\nb\n# apt-get update\n';
  // What public/enhance.js copies: the `.bash` part of each command, without prompt or output.
  const commands = (doc: Document) => [...doc.querySelectorAll(".command .bash")].map((command) => command.textContent).join("\n");

  test.each(["console", "shell-session", "sh-session", "shellsession", "Console"])("%s is a shell session: prompts, commands and output apart", (info) => {
    const doc = fence(info, SESSION);
    expect(doc.querySelector("pre")?.className).toBe("language-shell-session");
    expect(doc.querySelector("code")?.textContent).toBe(SESSION);
    expect([...doc.querySelectorAll(".shell-symbol")].map((prompt) => prompt.textContent)).toEqual(["$", "$", "#"]);
    expect([...doc.querySelectorAll(".output")].map((output) => output.textContent)).toEqual(["added 3 packages\n", "b\n"]);
    expect(commands(doc)).toBe('npm ci\necho "a" \\\n  | tr a b\napt-get update');
  });

  test("with marked lines, a command across two lines still copies as one", () => {
    const doc = fence("console {3}", SESSION);
    expect(markedIn(doc)).toEqual([false, false, true, false, false, false]);
    expect(commands(doc)).toBe('npm ci\necho "a" \\\n  | tr a b\napt-get update');
  });
});
