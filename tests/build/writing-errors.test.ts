import { describe, expect, test } from "vitest";
import { buildSite, post } from "../helpers/site.ts";

/**
 * Author mistakes in diagrams and snippets stop a real build (the real config,
 * in process) with the post's file and line, not a blank figure or a missing
 * sample. The line is counted in the file, front matter included.
 */

/** Every message in an error and its causes: Eleventy wraps a template's error in its own. */
function messages(error: unknown): string {
  const out: string[] = [];
  for (let current: unknown = error; current instanceof Error && out.length < 10; ) {
    out.push(current.message);
    const next: unknown = (current as Error & { originalError?: unknown }).originalError ?? current.cause;
    current = next;
  }
  return out.join("\n");
}

async function buildError(options: Parameters<typeof buildSite>[0]): Promise<string> {
  try {
    const site = await buildSite(options);
    await site.cleanup();
  } catch (error) {
    // Problems found while rendering are collected and reported once, as `file:line  problem`, in the
    // AuthoringError's report (src/build-status.ts; Eleventy loads its own copy of that module, so no instanceof).
    const report = (error as { report?: unknown }).report;
    return typeof report === "string" ? report : messages(error);
  }
  throw new Error("the build succeeded");
}

const FRONT = "title: Writing errors\ndate: 2024-01-01";

describe("writing errors stop the build with file:line", () => {
  test("a Mermaid diagram that cannot be drawn", async () => {
    // post() writes 4 front matter lines and a blank line: the body starts on line 6, the fence is on line 8.
    const message = await buildError({ posts: { "bad-diagram.md": post(FRONT, "Intro.\n\n```mermaid\nflowchart sideways\n  A --> \n```") } });
    expect(message).toContain("posts/bad-diagram.md:8  this Mermaid diagram cannot be drawn");
  });

  test("a snippet whose file is missing", async () => {
    const message = await buildError({
      posts: { "guide/index.md": post(FRONT, "Intro.\n\nMore.\n\n<<< ./missing.ts#setup") },
      files: { "posts/guide/present.ts": "export {};\n" },
    });
    expect(message).toContain('posts/guide/index.md:10  snippet file "./missing.ts" not found');
  });
});
