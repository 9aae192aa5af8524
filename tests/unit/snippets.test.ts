import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { extractRegion, languageForFile, parseSnippetLine } from "../../src/snippets.ts";
import { createMarkdown } from "../../src/markdown.ts";
import { generateLines, seeded, utf16beWithBom, utf16leWithBom, utf8, utf8WithBom, windows1252File } from "../helpers/encodings.ts";

/** `<<< ./file#region` includes, rendered by the very Markdown instance the site uses, from real files in a temp folder. */
const md = createMarkdown();
md.enable("code");

const EXAMPLE = [
  "// header comment", //                1
  "// #region setup", //                 2
  "export const port = 8080;", //        3
  "export const host = \"localhost\";", // 4
  "// #endregion setup", //              5
  "export class App {", //               6
  "  // #region start", //               7
  "  start(): void {", //                8
  "    // #region inner", //             9
  "    console.log(\"<script>alert(1)</script>\");", // 10
  "    // #endregion inner", //          11
  "  }", //                              12
  "  // #endregion start", //            13
  "}", //                                14
  "// #region empty", //                 15
  "// #endregion empty", //              16
].join("\n") + "\n";

let root: string;
let post: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "snippets-"));
  await mkdir(join(root, "posts", "guide", "code"), { recursive: true });
  post = join(root, "posts", "guide", "index.md");
  await writeFile(join(root, "posts", "guide", "example.ts"), EXAMPLE);
  await writeFile(join(root, "posts", "guide", "code", "page.html"), "<!-- #region body -->\n<script>alert(1)</script>\n<!-- #endregion body -->\n");
  await writeFile(join(root, "posts", "shared.py"), "# #region main\nprint('hi')\n# #endregion main\n");
  await writeFile(join(root, "secret.ts"), "export const token = 'secret';\n");
  await symlink(join(root, "secret.ts"), join(root, "posts", "guide", "link.ts"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The body of the post as Eleventy would hand it over, written to disk with front matter so error lines can be checked. */
async function render(body: string): Promise<Document> {
  await writeFile(post, `---\ntitle: Guide\ndate: 2024-01-01\n---\n${body}`);
  return parseHTML(`<!doctype html><html><body>${md.render(body, { page: { inputPath: post } })}</body></html>`).document as unknown as Document;
}
const codeOf = async (body: string) => [...(await render(body)).querySelectorAll("pre code")].map((code) => code.textContent);

describe("<<< includes code from a file beside the post", () => {
  test("a region: the lines between its markers, without nested markers, dedented", async () => {
    expect(await codeOf("\n<<< ./example.ts#setup\n")).toEqual(['export const port = 8080;\nexport const host = "localhost";\n']);
    expect(await codeOf("\n<<< ./example.ts#start\n")).toEqual(['start(): void {\n  console.log("<script>alert(1)</script>");\n}\n']);
  });

  test("a line range, GitHub's #L form, and a whole file", async () => {
    expect(await codeOf("\n<<< ./example.ts#L3-L4\n")).toEqual(['export const port = 8080;\nexport const host = "localhost";\n']);
    expect(await codeOf("\n<<< ./example.ts#L14\n")).toEqual(["}\n"]);
    expect(await codeOf("\n<<< example.ts\n")).toEqual([EXAMPLE]);
  });

  test("is a code block in the file's language, highlighted like a fence; {…} overrides the language and marks lines", async () => {
    const document = await render("\n<<< ./example.ts#setup\n\n<<< ./example.ts#setup{2 js}\n\n<<< ../shared.py#main\n");
    const codes = [...document.querySelectorAll("pre code")];
    expect(codes.map((code) => code.getAttribute("class"))).toEqual(["language-ts", "language-js", "language-py"]);
    expect(codes[0]!.querySelector(".token.keyword")?.textContent).toBe("export");
    expect([...codes[1]!.querySelectorAll("mark")].map((mark) => mark.textContent)).toEqual(['export const host = "localhost";']);
    expect(codes[2]!.textContent).toBe("print('hi')\n");
  });

  test("markup in an included file stays text", async () => {
    const document = await render("\n<<< ./code/page.html#body\n\n<<< ./example.ts#inner\n");
    expect(document.querySelectorAll("script").length).toBe(0);
    expect([...document.querySelectorAll("pre code")].map((code) => code.textContent)).toEqual(["<script>alert(1)</script>\n", 'console.log("<script>alert(1)</script>");\n']);
  });

  test("works inside lists and blockquotes, but not inside code or a paragraph", async () => {
    expect(await codeOf("\n- Step one:\n\n  <<< ./example.ts#L1\n")).toEqual(["// header comment\n"]);
    const document = await render("\n```md\n<<< ./example.ts#setup\n```\n\n    <<< ./example.ts#setup\n\nA paragraph\n<<< ./example.ts#setup\n");
    expect([...document.querySelectorAll("pre code")].map((code) => code.textContent)).toEqual(["<<< ./example.ts#setup\n", "<<< ./example.ts#setup\n"]);
    expect(document.querySelector("p")!.textContent).toBe("A paragraph\n<<< ./example.ts#setup");
  });

  test("outside a post (no file to resolve from) the line is text", () => {
    const { document } = parseHTML(`<html><body>${md.render("<<< ./example.ts\n")}</body></html>`);
    expect(document.querySelector("p")!.textContent).toBe("<<< ./example.ts");
  });
});

describe("a snippet that cannot be included stops the build, naming the post, its line and the snippet", () => {
  const body = "\nIntro.\n\n";
  // Front matter is 4 lines, the body starts on line 5: the include is on line 8.
  const at = () => `${post}:8  `;

  test("a missing file", async () => {
    await expect(render(`${body}<<< ./missing.ts#setup\n`)).rejects.toThrow(`${at()}snippet "./missing.ts" not found`);
  });

  test("a missing region", async () => {
    await expect(render(`${body}<<< ./example.ts#teardown\n`)).rejects.toThrow(`${at()}region "teardown" not found in "./example.ts"`);
    await expect(render(`${body}<<< ./example.ts#empty\n`)).rejects.toThrow(/region "empty" in "\.\/example\.ts" is empty/);
  });

  test("lines past the end of the file", async () => {
    await expect(render(`${body}<<< ./example.ts#L10-L40\n`)).rejects.toThrow(`${at()}lines 10-40 of "./example.ts" do not exist: the file has 16 lines`);
  });

  test("a path outside the posts folder, also through a symbolic link, or absolute", async () => {
    await expect(render(`${body}<<< ../../secret.ts\n`)).rejects.toThrow(`${at()}snippet "../../secret.ts" is outside`);
    await expect(render(`${body}<<< ./link.ts\n`)).rejects.toThrow(`${at()}snippet "./link.ts" is outside`);
    await expect(render(`${body}<<< ..\\..\\secret.ts\n`)).rejects.toThrow(`${at()}snippet "..\\..\\secret.ts" is outside`);
    // A site-rooted path is a file in public/, never one elsewhere on the machine.
    await expect(render(`${body}<<< /etc/passwd\n`)).rejects.toThrow(`${at()}snippet "/etc/passwd" not found (looked for ${relative(process.cwd(), join(root, "public", "etc", "passwd"))})`);
    await expect(render(`${body}<<< /../secret.ts\n`)).rejects.toThrow(`${at()}snippet "/../secret.ts" is outside`);
    await expect(render(`${body}<<< C:\\Users\\me\\secret.ts\n`)).rejects.toThrow(`${at()}snippet "C:\\Users\\me\\secret.ts" is an absolute path on this computer`);
    await expect(render(`${body}<<< @/secret.ts\n`)).rejects.toThrow(/relative to the post/);
  });

  test("a file that is not UTF-8 is named with its encoding, at the include's line; UTF-8 with or without a byte-order mark is read", async () => {
    const random = seeded(5);
    for (let count = 1; count <= 12; count++) {
      const text = `${generateLines(random, count).join("\n")}\n`;
      await writeFile(join(root, "posts", "guide", "encoded.txt"), utf8WithBom(text));
      expect(await codeOf(`${body}<<< ./encoded.txt\n`)).toEqual([text]);
      await writeFile(join(root, "posts", "guide", "encoded.txt"), utf8(text));
      expect(await codeOf(`${body}<<< ./encoded.txt\n`)).toEqual([text]);
      for (const [encode, name] of [[utf16leWithBom, "UTF-16 LE (byte-order mark FF FE)"], [utf16beWithBom, "UTF-16 BE (byte-order mark FE FF)"]] as const) {
        await writeFile(join(root, "posts", "guide", "encoded.txt"), encode(text));
        await expect(render(`${body}<<< ./encoded.txt\n`)).rejects.toThrow(`${at()}snippet "./encoded.txt": its file ${relative(process.cwd(), join(root, "posts", "guide", "encoded.txt"))} is ${name}: re-save the file as UTF-8`);
      }
      const cp1252 = windows1252File(random, count);
      await writeFile(join(root, "posts", "guide", "encoded.txt"), cp1252.bytes);
      await expect(render(`${body}<<< ./encoded.txt\n`)).rejects.toThrow(`${at()}snippet "./encoded.txt": its file ${relative(process.cwd(), join(root, "posts", "guide", "encoded.txt"))} is not UTF-8: byte 0x${cp1252.byte.toString(16).toUpperCase()} on line ${cp1252.line} (in Windows-1252 it would be "${cp1252.char}")`);
    }
  });

  test("a line that is not the syntax", async () => {
    await expect(render(`${body}<<< ./example.ts [Title]\n`)).rejects.toThrow(`${at()}"<<< ./example.ts [Title]" is not a snippet include`);
    await expect(render(`${body}<<< ./example.ts{2 js extra!}\n`)).rejects.toThrow(/should hold marked lines/);
  });
});

describe("the pieces", () => {
  test("parseSnippetLine reads VitePress's forms", () => {
    expect(parseSnippetLine("<<< ./a.ts")).toEqual({ path: "./a.ts" });
    expect(parseSnippetLine("<<< ./a.ts#snippet{1,3-4 ts}")).toEqual({ path: "./a.ts", region: "snippet", marks: "1,3-4", language: "ts" });
    expect(parseSnippetLine("<<< ./a.ts#L2-L5 {c#}")).toEqual({ path: "./a.ts", lines: { first: 2, last: 5 }, language: "c#" });
  });

  test("extractRegion knows the comment syntaxes and closes unnamed ends innermost first", () => {
    expect(extractRegion("/* #region a */\nx\n/* #endregion a */", "a")).toEqual(["x"]);
    expect(extractRegion("-- #region q\nSELECT 1;\n-- #endregion", "q")).toEqual(["SELECT 1;"]);
    expect(extractRegion("#region cs\n  int x;\n#endregion", "cs")).toEqual(["int x;"]);
    expect(extractRegion("// #region outer\na\n// #region inner\nb\n// #endregion\nc\n// #endregion", "outer")).toEqual(["a", "b", "c"]);
    expect(extractRegion("// #region a\nx\n", "a")).toEqual([]);
    expect(extractRegion("x", "a")).toBeUndefined();
  });

  test("languageForFile: by extension, text when Prism knows none", () => {
    expect(["a.ts", "b.mjs", "c.py", "d.rs", "e.unknownext", "Makefile", "f.mmd"].map(languageForFile)).toEqual(["ts", "javascript", "py", "rust", "text", "text", "mermaid"]);
  });
});
