import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { inject } from "vitest";
import { realPostsWithKitchenSink } from "./kitchen-sink.ts";
import { builtSite, buildSite, post, type BuiltSite } from "./site.ts";

/** A post using every Markdown feature authors reach for, so its HTML is checked too (it sits next to the kitchen-sink post). */
export const markdownFeatures = post(
  'title: "Every <Markdown> feature & more"\ndate: 2024-02-03\ntags: [html, "C++", "ünïcode"]\ndescription: Tables, code, quotes "and" raw HTML.',
  [
    "Intro with `inline code`, **bold**, _emphasis_, a [link](https://example.com/?a=1&b=2) and https://example.com/auto.",
    "## A heading\n\n## A heading\n\n### Ünïcödé & \\<symbols>",
    "| left | right |\n|:-----|------:|\n| a | 1 |\n| b | 2 |",
    "> A quote\n> over two lines.",
    "1. one\n2. two\n   - nested\n   - list",
    "![The favicon](/favicon.svg)",
    "```js/1,3\nconst a = 1;\nconst b = 2;\nconsole.log(a + b);\n```",
    "```diff-js\n-const a = 1;\n+const a = 2;\n```",
    "```no-such-language\n<not> & highlighted\n```",
    "```\nno language at all\n```",
    "<details><summary>Raw HTML</summary><p>Trusted author HTML.</p></details>",
    "---\n\nThe end.",
  ].join("\n\n"),
);

/** How long a file waits for the build another file is making: a bound for a slow, shared machine, never a pause. */
const BUILD_TIMEOUT = 110_000;

/**
 * The real posts, the kitchen-sink post and the Markdown-features post, built
 * ONCE per test run with the real configuration and shared by every file that
 * checks the whole site (Nu, html-validate, feed and sitemap validity, the
 * weight budget). The first file to ask builds it, in process, into the
 * folder tests/helpers/shared-builds-setup.ts made for the run; the others
 * wait for it. The folder is removed when the run ends.
 *
 * Read only: a test that needs to change a file writes a copy elsewhere.
 */
export async function sharedKitchenSinkSite(): Promise<BuiltSite> {
  const root = inject("sharedBuilds");
  if (!root) throw new Error("sharedKitchenSinkSite() needs the site project's global setup (tests/helpers/shared-builds-setup.ts); run it through vitest.config.ts.");
  const folder = join(root, "kitchen-sink");
  const done = join(folder, "done");
  const failed = join(folder, "failed");
  let owner = true;
  try {
    // mkdir is atomic: exactly one file of the run gets to make the build.
    await mkdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    owner = false;
  }
  if (owner) {
    try {
      const sink = await realPostsWithKitchenSink();
      const site = await buildSite({ posts: { ...sink.posts, "markdown-features.md": markdownFeatures }, files: sink.files, folder: join(folder, "site") });
      await writeFile(done, site.output);
    } catch (error) {
      await writeFile(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
      throw error;
    }
  }
  const deadline = Date.now() + BUILD_TIMEOUT;
  for (;;) {
    const output = await readFile(done, "utf8").catch(() => undefined);
    if (output !== undefined) return { ...builtSite(join(folder, "site"), output), cleanup: async () => undefined };
    const error = await readFile(failed, "utf8").catch(() => undefined);
    if (error !== undefined) throw new Error(`The shared kitchen-sink build failed in another test file:\n${error}`);
    if (Date.now() > deadline) throw new Error(`The shared kitchen-sink build in ${folder} did not finish within ${BUILD_TIMEOUT / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder for the builds the site project's files share (tests/helpers/shared-builds-setup.ts). */
    sharedBuilds: string;
  }
}
