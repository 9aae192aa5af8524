import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown.ts";

const md = createMarkdown();
const render = (markdown: string) => parseHTML(`<!doctype html><html><body>${md.render(markdown)}</body></html>`).document;

describe("when a $ is math (Pandoc's rule)", () => {
  test.each([
    ["$5 and $10", "$5 and $10"],
    ["It costs $5, or $10.", "It costs $5, or $10."],
    ["$20 with tax, $30 without", "$20 with tax, $30 without"],
    ["$ x$ has a space after the opening $", "$ x$ has a space after the opening $"],
    ["$x $ has a space before the closing one", "$x $ has a space before the closing one"],
    ["$x$5: a digit after the closing $", "$x$5: a digit after the closing $"],
    ["an escaped \\$x\\$ is text", "an escaped $x$ is text"],
    ["two dollars $$ alone", "two dollars $$ alone"],
    ["`$x$` in code", "$x$ in code"],
  ])("%j stays text", (markdown, text) => {
    const doc = render(markdown);
    expect(doc.querySelector("math")).toBeNull();
    expect(doc.querySelector("p")?.textContent).toBe(text);
  });

  test("$x^2$ is inline MathML, with the TeX kept as its annotation", () => {
    const doc = render("The square $x^2$ grows.");
    const math = doc.querySelector("p > math")!;
    expect(math.getAttribute("display")).toBeNull();
    expect(math.querySelector("msup > mi")?.textContent).toBe("x");
    expect(math.querySelector("msup > mn")?.textContent).toBe("2");
    expect(math.querySelector("semantics > annotation[encoding='application/x-tex']")?.textContent).toBe("x^2");
    expect(doc.querySelector("p")?.firstChild?.textContent).toBe("The square ");
  });

  test("math ends at the first $ that may close it, so two formulas stay two", () => {
    const doc = render("$a$ and $b$, then $5 and $c$.");
    expect([...doc.querySelectorAll("math annotation")].map((a) => a.textContent)).toEqual(["a", "b", "c"]);
    expect(doc.querySelector("p")?.textContent).toContain(", then $5 and ");
  });
});

describe("display math", () => {
  test("$$…$$ on its own lines is block MathML in a keyboard-scrollable box", () => {
    const doc = render("Before.\n\n$$\n\\int_0^1 x\\,dx = \\frac12\n$$\n\nAfter.");
    const box = doc.querySelector("body > div.math-display")!;
    expect(box.getAttribute("tabindex")).toBe("0");
    expect(box.getAttribute("role")).toBe("group");
    expect(box.getAttribute("aria-label")).toBe("Equation");
    const math = box.querySelector(":scope > math[display='block']")!;
    expect(math.querySelector("mfrac")).not.toBeNull();
    expect(math.querySelector("annotation")?.textContent).toBe("\\int_0^1 x\\,dx = \\frac12");
  });

  test("a matrix is an mtable, its cell spacing as classes", () => {
    const doc = render("$$\n\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}\n$$");
    const cells = [...doc.querySelectorAll("math mtable > mtr > mtd")];
    expect(cells.map((cell) => cell.textContent)).toEqual(["1", "2", "3", "4"]);
    expect([...cells[0]!.classList]).toEqual(["math-pl-0", "math-pr-col"]);
  });

  test("$$…$$ (1) is numbered, and $$…$$ inside a paragraph stays phrasing content", () => {
    const doc = render("$$a = b$$ (1)\n\nSo $$c$$ here.");
    const numbered = doc.querySelector("body > div.math-display")!;
    expect(numbered.getAttribute("aria-label")).toBe("Equation (1)");
    expect(numbered.querySelector(".math-number")?.textContent).toBe("(1)");
    const inParagraph = doc.querySelector("p > span.math-display > math[display='block']");
    expect(inParagraph?.querySelector("annotation")?.textContent).toBe("c");
  });
});

describe("no inline styles from Temml", () => {
  const big = [
    "$\\color{red}{x} + \\textcolor{blue}{y}$ and $\\colorbox{yellow}{z}$ and $\\text{if } x > 0$ and $\\boxed{E=mc^2}$",
    "$$\n\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix} \\begin{bmatrix}a\\\\b\\end{bmatrix} \\begin{smallmatrix}a&b\\end{smallmatrix}\n$$",
    "$$\n\\begin{array}{c|l} a & b \\\\ \\hline c & d \\end{array}\n$$",
    "$$\n\\begin{aligned} a &= b + c \\\\ d &= e \\end{aligned}\n$$",
    "$$\n\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}\n$$",
    "$$\n\\begin{align} a &= 1 \\\\ b &= 2 \\end{align}\n$$",
    "$$\n\\begin{gather} a \\\\ b \\end{gather}\n$$",
    "$$\nx \\tag{3}\n$$",
    "$$\n\\overbrace{a+b}^{n} \\underbrace{c}_{k} \\widehat{abc} \\llap{x} \\raisebox{1em}{y} \\hspace{1em} \\cancel{q}\n$$",
  ].join("\n\n");

  test("a big sample has no style attribute, no colour attribute, and every formula is MathML", () => {
    const doc = render(big);
    expect(doc.querySelectorAll("math")).toHaveLength(12);
    expect([...doc.querySelectorAll("[style]")].map((element) => element.outerHTML)).toEqual([]);
    expect(doc.querySelectorAll("[mathcolor], [mathbackground]")).toHaveLength(0);
    expect(doc.querySelectorAll("math mtable")).not.toHaveLength(0);
    expect([...doc.querySelectorAll("mtext")].map((mtext) => mtext.textContent)).toContain("if\u00a0");
  });

  test("the layout Temml wrote inline survives as classes", () => {
    const doc = render(big);
    expect(doc.querySelector(".tml-fbox")?.textContent).toContain("E");
    expect(doc.querySelector("mtd.math-br")).not.toBeNull();
    expect(doc.querySelector("mtd.math-bb")).not.toBeNull();
  });
});

describe("TeX that does not parse stops the build", () => {
  test("display math: the error names the line, the TeX and Temml's message", () => {
    expect(() => md.render("Intro.\n\nMore.\n\n$$\n\\frac{a}{\n$$\n")).toThrowError(
      /^line 5 of the Markdown: the math \$\$\\frac\{a\}\{\$\$ is not TeX that Temml can read: .*expected '}'.*Fix the TeX/s,
    );
  });

  test("inline math: the line within its paragraph", () => {
    expect(() => md.render("# Title\n\nFirst line,\nsecond $\\undefinedmacro{x}$ here.")).toThrowError(/^line 4 of the Markdown: the math \$\\undefinedmacro\{x\}\$ is not TeX that Temml can read: .*undefinedmacro/s);
  });
});
