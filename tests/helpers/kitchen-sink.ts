import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { post, projectRoot, readRealPosts, type FixtureOptions } from "./site.ts";

const FOLDER = join(projectRoot, "tests/fixtures/kitchen-sink");

/** The URL the kitchen-sink post is built at. */
export const KITCHEN_SINK_URL = "/posts/kitchen-sink/";

/**
 * The kitchen-sink post: every writing feature in one post (code blocks with
 * titles and marks, terminal sessions, diffs, callouts, footnotes and
 * sidenotes, math, diagrams, tables, snippets), assembled from the fragments
 * in tests/fixtures/kitchen-sink/, with the file its snippets include beside
 * it. Not published on the blog: the browser, axe, Nu, html-validate, feed
 * and weight tests build it next to the real posts.
 */
export async function kitchenSinkPost(): Promise<Required<Pick<FixtureOptions, "posts" | "files">>> {
  const fragments = await Promise.all(["code-blocks.md", "writing.md", "diagrams-snippets.md"].map((name) => readFile(join(FOLDER, name), "utf8")));
  const frontMatter = [
    'title: "Kitchen sink: every writing feature"',
    "date: 2024-06-01",
    "tags: [writing, html]",
    "description: Code blocks, callouts, footnotes, math, diagrams, tables and snippets in one post.",
  ].join("\n");
  const table = "## A table\n\n| Region | Cold start (ms) | Share |\n|:--|--:|:-:|\n| eu-west-1 | 120 | 40 % |\n| us-east-1 | 95 | 60 % |\n";
  return {
    posts: { "kitchen-sink/index.md": post(frontMatter, ["Everything an author of this blog can write, in one post.", ...fragments, table].join("\n\n")) },
    files: { "posts/kitchen-sink/example.ts": await readFile(join(FOLDER, "example.ts"), "utf8") },
  };
}

/** The real posts plus the kitchen-sink post, as fixture options for buildSite/makeFixture. */
export async function realPostsWithKitchenSink(): Promise<Required<Pick<FixtureOptions, "posts" | "files">>> {
  const sink = await kitchenSinkPost();
  return { posts: { ...(await readRealPosts()), ...sink.posts }, files: sink.files };
}
