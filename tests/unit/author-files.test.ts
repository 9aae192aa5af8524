import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { imageFilePath, locateAuthorFile } from "../../src/author-files.ts";

/**
 * The containment rule for every file a post names (images, `image:`,
 * snippets), over generated spellings of each class of path: `../` at every
 * depth, down-then-up, backslashes, percent-escapes, absolute paths,
 * site-rooted paths, and symbolic links into and out of the allowed folders.
 */

type Outcome = "ok" | "outside" | "missing" | "absolute";

let root: string;
let post: string;
beforeAll(async () => {
  // <root>/site/{posts,public}, with public/ a symbolic link to a real folder elsewhere, as in the test fixtures.
  root = await mkdtemp(join(tmpdir(), "author-files-"));
  const site = join(root, "site");
  const files = ["site/posts/guide/photo.png", "site/posts/guide/sub/deep.png", "site/posts/shared/x.png", "real-public/img/a.png", "secret.png", "outside-dir/z.png", "site/secret.png"];
  for (const file of files) {
    await mkdir(join(root, file, ".."), { recursive: true });
    await writeFile(join(root, file), "x");
  }
  await symlink(join(root, "real-public"), join(site, "public"));
  await symlink(join(site, "posts", "shared", "x.png"), join(site, "posts", "guide", "link-in.png"));
  await symlink(join(root, "secret.png"), join(site, "posts", "guide", "link-out.png"));
  await symlink(join(root, "outside-dir"), join(site, "posts", "guide", "dir-link"));
  await symlink(join(root, "secret.png"), join(root, "real-public", "link-out.png"));
  await symlink(join(root, "nowhere.png"), join(site, "posts", "guide", "dangling.png"));
  post = join(site, "posts", "guide", "index.md");
  await writeFile(post, "---\ntitle: Guide\n---\n");
});
afterAll(() => rm(root, { recursive: true, force: true }));

function outcome(path: string): Outcome {
  const located = locateAuthorFile(post, path, `image "${path}"`);
  if ("file" in located) return "ok";
  expect(located.problem.startsWith(`image "${path}" `)).toBe(true);
  if (located.problem.includes(" is outside ")) return "outside";
  if (located.problem.includes(" not found (looked for ")) return "missing";
  if (located.problem.includes(" is an absolute path on this computer")) return "absolute";
  throw new Error(`unexpected problem: ${located.problem}`);
}

/** `./sub/…/../../<target>`: `down` folders in, `up` folders out, from posts/guide/. Outcome by where it lands. */
function climbs(): Array<{ path: string; expected: Outcome }> {
  const cases: Array<{ path: string; expected: Outcome }> = [];
  for (let down = 0; down <= 3; down++) {
    for (let up = 0; up <= down + 5; up++) {
      const net = up - down; // folders above posts/guide/
      for (const [target, landsOn] of [["guide/photo.png", 1], ["secret.png", 2], ["site/secret.png", 3]] as const) {
        const expected: Outcome = net >= 2 ? "outside" : net === landsOn ? "ok" : "missing";
        cases.push({ path: `./${"sub/".repeat(down)}${"../".repeat(up)}${target}`, expected });
      }
    }
  }
  return cases;
}

describe("relative paths: inside posts/, at any depth, however spelled", () => {
  const cases = climbs();

  test("../ at every depth, after going down first: inside posts/ is found, above it is outside, whether the file exists or not", () => {
    for (const { path, expected } of cases) expect([path, outcome(path)]).toEqual([path, expected]);
    // The generator covers every outcome.
    expect(new Set(cases.map((entry) => entry.expected))).toEqual(new Set(["ok", "outside", "missing"]));
  });

  test("backslashes are folder separators, as Windows and browsers read them", () => {
    for (const { path, expected } of cases) expect([path, outcome(path.replace(/\//g, "\\"))]).toEqual([path, expected]);
  });

  test("percent-escaped dots (%2e%2e) in an image source are dots", () => {
    for (const { path, expected } of cases) {
      for (const dots of ["%2e%2e", "%2E%2E", ".%2e", "%2e."]) {
        const escaped = path.replace(/\.\.\//g, `${dots}/`);
        expect([escaped, outcome(imageFilePath(escaped)!)]).toEqual([escaped, expected]);
      }
    }
  });
});

describe("symbolic links count where they lead", () => {
  test.each<[string, Outcome]>([
    ["link-in.png", "ok"],
    ["./link-out.png", "outside"],
    ["dir-link/z.png", "outside"],
    ["dangling.png", "missing"],
    ["/link-out.png", "outside"],
  ])("%s: %s", (path, expected) => expect(outcome(path)).toBe(expected));
});

describe("site-rooted paths are the published file: public/ at the root, posts/ under /posts/", () => {
  test.each<[string, Outcome]>([
    ["/img/a.png", "ok"],
    ["\\img\\a.png", "ok"],
    ["/posts/guide/photo.png", "ok"],
    ["/posts/shared/x.png", "ok"],
    ["/img/missing.png", "missing"],
    ["/etc/passwd", "missing"],
    ["/../secret.png", "outside"],
    ["/img/../../secret.png", "outside"],
    ["/../../secret.png", "outside"],
    ["/posts/../secret.png", "outside"],
    ["/posts/../../secret.png", "outside"],
  ])("%s: %s", (path, expected) => expect(outcome(path)).toBe(expected));

  test("a file in public/ is found through public/'s own symbolic link", () => {
    expect(locateAuthorFile(post, "/img/a.png", "image")).toEqual({ file: join(root, "site", "public", "img", "a.png") });
  });
});

describe("absolute paths on the author's computer", () => {
  test.each(["C:\\Users\\me\\photo.png", "C:/Users/me/photo.png", "d:\\x.ts", "\\\\server\\share\\x.png", "//server/share/x.png"])("%s", (path) => {
    expect(outcome(path)).toBe("absolute");
  });
});

describe("imageFilePath", () => {
  test.each(["https://example.com/a.png", "HTTP://x/a.png", "//cdn.example.com/a.png", "\\\\cdn.example.com\\a.png", "data:image/png;base64,AA", "mailto:a@b.c", ""])("%s is not a file of the site", (src) => {
    expect(imageFilePath(src)).toBeUndefined();
  });

  test("drops ?query and #fragment, decodes escapes, keeps a lone %", () => {
    expect(imageFilePath("a%20b.png?v=2#x")).toBe("a b.png");
    expect(imageFilePath("100%.png")).toBe("100%.png");
    expect(imageFilePath("C:\\x.png")).toBe("C:\\x.png");
  });
});
