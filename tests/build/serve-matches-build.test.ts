import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterEach, describe, expect, onTestFailed, test } from "vitest";
import { startDevServer, type DevServer } from "../helpers/dev-server.ts";
import { buildSite, makeFixture, post } from "../helpers/site.ts";

/**
 * What `npm start` serves must be what `npm run build` writes, after any
 * number of rebuilds and whatever the author did to the posts. Each test
 * drives real edits under the real CLI's `--serve`, and after every rebuild
 * fetches every file either side has from the dev server and compares it with
 * a production build of the same posts, made from scratch.
 *
 * What legitimately differs under `--serve`, and is normalised away (nothing
 * else is): the dev server's live-reload `<script>`, which it adds to every
 * HTML page it sends. (Drafts and scheduled posts also differ on purpose: the
 * fixtures have none.)
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An HTML page as the build wrote it: the dev server's reload script removed. */
function normalisePage(html: string): string {
  const { document } = parseHTML(html);
  for (const script of document.querySelectorAll("script[src]")) {
    if (script.getAttribute("src")!.startsWith("/.11ty/")) script.remove();
  }
  return document.toString();
}

/** Compared as text, so that a difference shows as a diff. */
const TEXT = /(?:\.(?:xml|json|txt|css|js|svg)|_headers)$/;

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1)).sort();
}

/** Every file of a production build of `posts`, and every file in the dev server's folder, served as the build wrote it (or 404). */
async function expectServedAsBuilt(server: DevServer, input: string, posts: Record<string, string>, step: string): Promise<void> {
  const built = await buildSite({ posts });
  try {
    const builtFiles = await built.files();
    const servedFolder = await listFiles(join(input, "_site"));
    expect(servedFolder, `${step}: the files in the dev server's _site/`).toEqual(builtFiles);
    for (const file of new Set([...builtFiles, ...servedFolder])) {
      const response = await fetch(server.url(`/${file.split("/").map(encodeURIComponent).join("/")}`));
      if (!builtFiles.includes(file)) {
        expect(response.status, `${step}: /${file} is not in the build`).toBe(404);
        continue;
      }
      expect(response.status, `${step}: /${file}`).toBe(200);
      const expected = await readFile(join(built.output, file));
      if (file.endsWith(".html")) expect(normalisePage(await response.text()), `${step}: /${file}`).toBe(normalisePage(expected.toString("utf8")));
      else if (TEXT.test(file)) expect(await response.text(), `${step}: /${file}`).toBe(expected.toString("utf8"));
      else expect(Buffer.from(await response.arrayBuffer()).equals(expected), `${step}: /${file} differs`).toBe(true);
    }
  } finally {
    await built.cleanup();
  }
}

/** Four-space-indented code, with indented markup that must stay text. */
const INDENTED = "Some code:\n\n    const answer = 42;\n\n    <b>not bold</b>\n";

describe("npm start serves what the build writes", () => {
  test("after edits, added, retagged, renamed and deleted posts, rebuild after rebuild", async () => {
    const posts: Record<string, string> = {
      "a.md": post("title: A\ndate: 2024-01-01\ntags: [alpha]", INDENTED),
      "b.md": post("title: B\ndate: 2024-01-02\ntags: [alpha, beta]", "B text."),
    };
    // A page left by an earlier build, of a post deleted since.
    const input = await makeFixture({ posts, files: { "_site/posts/gone/index.html": "<!doctype html><title>Gone</title>" } });
    cleanups.push(() => rm(input, { recursive: true, force: true }));
    const server = await startDevServer(input);
    cleanups.push(() => server.stop());
    onTestFailed(() => console.error(`npm start printed:\n${server.log()}`));
    const file = (name: string) => join(input, "posts", name);
    await expectServedAsBuilt(server, input, posts, "first build");

    const steps: Array<[step: string, files: string[], edit: () => Promise<unknown>]> = [
      ["an edited post", ["posts/a.md"], async () => {
        posts["a.md"] = post("title: A, edited\ndate: 2024-01-01\ntags: [alpha]", `${INDENTED}\nAnd more.\n`);
        await writeFile(file("a.md"), posts["a.md"]);
      }],
      ["an added post", ["posts/c.md"], async () => {
        posts["c.md"] = post("title: C\ndate: 2024-01-03\ntags: [gamma, alpha]", INDENTED);
        await writeFile(file("c.md"), posts["c.md"]);
      }],
      ["a retagged post", ["posts/b.md"], async () => {
        posts["b.md"] = post("title: B\ndate: 2024-01-02\ntags: [alpha]", "B text.");
        await writeFile(file("b.md"), posts["b.md"]);
      }],
      ["a renamed post", ["posts/a.md", "posts/renamed.md"], async () => {
        posts["renamed.md"] = posts["a.md"]!;
        delete posts["a.md"];
        await rename(file("a.md"), file("renamed.md"));
      }],
      ["a deleted post", ["posts/c.md"], async () => {
        delete posts["c.md"];
        await rm(file("c.md"));
      }],
    ];
    for (const [step, files, edit] of steps) {
      await server.rebuildAfter(files, edit);
      await expectServedAsBuilt(server, input, posts, step);
    }

    // The class behind the comparison, said plainly: indented code is still code after five rebuilds.
    const page = parseHTML(await (await fetch(server.url("/posts/renamed/"))).text()).document;
    expect(page.querySelector("article pre code")?.textContent).toContain("<b>not bold</b>");
    expect(page.querySelector("article b")).toBeNull();
  }, 240_000);
});
