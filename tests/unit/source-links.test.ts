import { posix } from "node:path";
import { describe, expect, test } from "vitest";
import { linkedSourcePath, resolveSourceLink, type SourceIndex } from "../../src/source-links.ts";

const FILES = ["posts/a.md", "posts/2024/b c.md", "posts/2024/deep/index.md", "pages/about.md", "posts/café.md"];

describe("linkedSourcePath names the file a link names, from any folder, in every form", () => {
  for (const inputDir of ["./", "./site/"]) {
    const inInput = (file: string) => `./${posix.join(inputDir, file)}`;
    test.each(FILES.flatMap((from) => FILES.map((to) => [from, to] as const)))(`from %s to %s (input ${inputDir})`, (from, to) => {
      const relative = posix.relative(posix.dirname(from), to);
      const encoded = relative.split("/").map(encodeURIComponent).join("/");
      for (const href of [relative, `./${relative}`, encoded, `/${to}`, `/${encodeURI(to)}`, `${encoded}#part`, `${relative}?x=1#y`]) {
        if (href.startsWith("./../")) continue;
        expect(linkedSourcePath(href, inInput(from), inputDir), href).toEqual({ inputPath: inInput(to), outside: false });
      }
    });
  }

  test("links that are not to a Markdown file are not its business", () => {
    for (const href of ["", "#a.md", "?a.md", "https://x.example/a.md", "//x.example/a.md", "mailto:a.md", "./guide.pdf", "../a/", "./a.md.pdf"]) {
      expect(linkedSourcePath(href, "./posts/x.md", "./"), href).toBeUndefined();
    }
  });

  test("a path that climbs out of the input folder is outside, however deep", () => {
    for (let depth = 2; depth < 8; depth++) expect(linkedSourcePath(`${"../".repeat(depth)}x.md`, "./posts/x.md", "./")?.outside).toBe(true);
    expect(linkedSourcePath("../x.md", "./site/posts/x.md", "./site/")?.outside).toBe(false);
    expect(linkedSourcePath("../../x.md", "./site/posts/x.md", "./site/")?.outside).toBe(true);
  });
});

test("resolveSourceLink keeps the query and fragment as written, and takes a paginated template's first page", () => {
  const index: SourceIndex = {
    inputPathToUrl: { "./posts/a.md": ["/posts/a/"], "./posts/list.md": ["/list/", "/list/2/"] },
    inputDir: "./",
    fileExists: () => false,
    whyUnpublished: () => "a draft",
  };
  expect(resolveSourceLink("./a.md?x=1&y=%20#S%C3%A9t", "./posts/b.md", index)).toEqual({ url: "/posts/a/?x=1&y=%20#S%C3%A9t" });
  expect(resolveSourceLink("list.md", "./posts/b.md", index)).toEqual({ url: "/list/" });
  expect(resolveSourceLink("./aa.md", "./posts/b.md", index)).toEqual({ problem: 'links to "./aa.md", but there is no posts/aa.md: did you mean "./a.md"?' });
});
