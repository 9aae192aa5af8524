import { describe, expect, test } from "vitest";
import { classifyPostFile, isPostAssetPath, listCopiedPostFiles, toCopiedPath } from "../../src/post-assets.ts";

const FOLDERS = ["posts", "posts/trip", "posts/My Trip", "posts/2024-01-01-log", "posts/a/b"];
const NAMES = ["base.njk", "page.html", "t.liquid", "app.js", "download.json", "notes.txt", "guide.pdf", "x.11ty.js", "main.ts", "photo.JPG", "README"];

describe("every file under posts/ is a post, data, junk or copied", () => {
  test("across folders and names, only Markdown is a post and every other non-data, non-junk file is copied into the post's URL folder", () => {
    for (const folder of FOLDERS) {
      for (const name of NAMES) {
        const file = `${folder}/${name}`;
        expect(classifyPostFile(file, () => false), file).toBe("copy");
        expect(toCopiedPath(file), file).toBe(`${folder.replace("My Trip", "my-trip")}/${name}`);
      }
      for (const name of ["x.md", "X.MD", "index.md"]) expect(classifyPostFile(`${folder}/${name}`, () => false)).toBe("post");
      for (const name of [".DS_Store", "Thumbs.db", "desktop.ini", "~$draft.docx", "notes.txt~"]) expect(classifyPostFile(`${folder}/${name}`, () => false), name).toBe("junk");
      expect(classifyPostFile(`${folder}/.obsidian/workspace.json`, () => false)).toBe("junk");
      const last = folder.split("/").at(-1)!;
      for (const name of [`${last}.json`, `${last}.11tydata.json`, `${last}.11tydata.js`, "index.11tydata.mjs", "x.11tydata.cjs"]) expect(classifyPostFile(`${folder}/${name}`, () => false), `${folder}/${name}`).toBe("data");
      // A .json beside a post of the same name is that post's data (Eleventy's template data file).
      expect(classifyPostFile(`${folder}/trip.json`, (other) => other === `${folder}/trip.md`)).toBe("data");
    }
  });

  test("the list of copied files and the link checks' predicate agree", () => {
    const files = FOLDERS.flatMap((folder) => [...NAMES, "x.md", ".DS_Store", "x.json"].map((name) => `${folder}/${name}`));
    const copied = listCopiedPostFiles(files);
    expect(copied.map(({ file }) => file).sort()).toEqual(files.filter((file) => !/\.(md|DS_Store|json)$/.test(file) || file.endsWith("download.json")).sort());
    const all = new Set(files);
    for (const file of files) expect(isPostAssetPath(`/${file}`, (other) => all.has(other)), file).toBe(copied.some((entry) => entry.file === file));
  });
});
