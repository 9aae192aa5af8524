/**
 * `npm run new -- "My post title" --tags serverless,aws [--draft] [--folder]`
 * Writes posts/<slug>.md (or posts/<slug>/index.md with `--folder`, for a post
 * with images beside it) with front matter that passes the schema, prints its
 * path, and never overwrites an existing post. Opens nothing.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { site } from "../src/site.ts";
import { toSlug } from "../src/slugs.ts";

export interface NewPostOptions {
  title: string;
  tags?: string[];
  draft?: boolean;
  /** posts/<slug>/index.md instead of posts/<slug>.md: a folder for the post's images and files. */
  folder?: boolean;
  /** Project folder; the post goes to its posts/ folder. */
  root: string;
  /** Today is taken in this zone (the site's), so the date matches what the site shows. */
  timeZone?: string;
  now?: Date;
}

/** Front matter and a starter body. JSON strings are valid YAML, so any title is quoted safely. */
export function renderPost(options: { title: string; date: string; tags: string[]; draft: boolean }): string {
  const lines = ["---", `title: ${JSON.stringify(options.title)}`, `date: ${options.date}`];
  if (options.tags.length > 0) lines.push("tags:", ...options.tags.map((tag) => `  - ${JSON.stringify(tag)}`));
  if (options.draft) lines.push("draft: true");
  lines.push("---", "", "Write the first paragraph here: listings and feeds use it as the summary.", "");
  return lines.join("\n");
}

export class NewPostError extends Error {}

/** Writes the post and returns its path. Throws NewPostError for a bad title or an existing file. */
export async function createPost(options: NewPostOptions): Promise<string> {
  const title = options.title.trim();
  if (title === "") throw new NewPostError('Give the post a title: npm run new -- "My post title"');
  const slug = toSlug(title);
  if (slug === "") throw new NewPostError(`The title "${title}" has no letters or digits to make a file name from; add some.`);
  const date = DateTime.fromJSDate(options.now ?? new Date(), { zone: options.timeZone ?? site.timeZone }).toISODate()!;
  const tags = (options.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== "");
  const folder = options.folder ? join(options.root, "posts", slug) : join(options.root, "posts");
  const path = options.folder ? join(folder, "index.md") : join(folder, `${slug}.md`);
  const other = options.folder ? join(options.root, "posts", `${slug}.md`) : join(options.root, "posts", slug, "index.md");
  // Both forms publish at /posts/<slug>/: refuse to make a second post for one URL.
  if (existsSync(other)) throw new NewPostError(`${relative(options.root, other)} already exists at the same URL; nothing was written. Choose another title, or edit that post.`);
  await mkdir(folder, { recursive: true });
  try {
    // "wx": fail if the file exists, atomically (no check-then-write race).
    await writeFile(path, renderPost({ title, date, tags, draft: options.draft ?? false }), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new NewPostError(`${relative(options.root, path)} already exists; nothing was written. Choose another title, or edit that post.`);
    }
    throw error;
  }
  return path;
}

export const USAGE = `Usage: npm run new -- "Post title" [--tags a,b] [--draft] [--folder]

Writes posts/<slug>.md with today's date and prints its path.
  --tags a,b   tags, comma-separated
  --draft      start it as a draft (draft: true)
  --folder     write posts/<slug>/index.md, a folder for the post's images and files
  --help       show this help`;

/** The command line as options, or a NewPostError saying what is wrong with it and how to call it. */
export function parseCommandLine(args: string[]): { help: true } | { help: false; title: string; tags: string[]; draft: boolean; folder: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { tags: { type: "string", default: "" }, draft: { type: "boolean", default: false }, folder: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    });
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--tag'"; the usage says what exists.
    const reason = error instanceof Error ? error.message.split(". ")[0] : String(error);
    throw new NewPostError(`${reason}.\n\n${USAGE}`);
  }
  const { positionals, values } = parsed;
  if (values.help) return { help: true };
  return { help: false, title: positionals.join(" "), tags: values.tags.split(","), draft: values.draft, folder: values.folder };
}

async function main(): Promise<void> {
  try {
    const command = parseCommandLine(process.argv.slice(2));
    if (command.help) {
      console.log(USAGE);
      return;
    }
    const path = await createPost({ title: command.title, tags: command.tags, draft: command.draft, folder: command.folder, root: process.cwd() });
    console.log(relative(process.cwd(), path));
  } catch (error) {
    if (!(error instanceof NewPostError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
