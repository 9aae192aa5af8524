import { copyFile, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeCorpus, type Corpus } from "./corpus.ts";

/**
 * The two site folders a corpus is built in. The full site is made the way
 * tests/helpers/site.ts makes fixtures: the project's layouts, pages and
 * public files, symlinked, and its posts/ directory data, copied.
 */
export async function makeFullSite(folder: string, projectRoot: string, corpus: Corpus): Promise<string> {
  await mkdir(join(folder, "posts"), { recursive: true });
  for (const shared of ["_includes", "pages", "public"]) await symlink(join(projectRoot, shared), join(folder, shared));
  await copyFile(join(projectRoot, "posts", "posts.json"), join(folder, "posts", "posts.json"));
  await writeCorpus(join(folder, "posts"), corpus);
  return folder;
}

export const BARE_CONFIG_FILE = "bare.config.mjs";

/**
 * The floor: Eleventy with its default markdown-it (https://www.11ty.dev/docs/languages/markdown/),
 * no layout, no highlighting, no filters or collections, rendering the same Markdown.
 */
const BARE_CONFIG = `// Written by scripts/bench.ts: Eleventy rendering Markdown with nothing else.
export const config = {
  markdownTemplateEngine: false,
  templateFormats: ["md"],
};
export default function bare() {}
`;

export async function makeBareSite(folder: string, corpus: Corpus): Promise<string> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, BARE_CONFIG_FILE), BARE_CONFIG);
  await writeCorpus(join(folder, "posts"), corpus);
  return folder;
}
