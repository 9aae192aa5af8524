import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runEleventy } from "../helpers/cli.ts";
import { INVALID_UTF8, generateLines, seeded, utf16beWithBom, utf16leWithBom, utf8WithBom, windows1252File } from "../helpers/encodings.ts";
import { buildSite, makeFixture, post } from "../helpers/site.ts";

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
    expect(message).toContain('posts/guide/index.md:10  snippet "./missing.ts" not found');
  });
});

describe("a snippet file is read as a post is: UTF-8, or an error naming its encoding", () => {
  const random = seeded(18);
  /** Each post includes its snippet after `intro` body lines: post() puts the body on line 6. */
  const cases = [
    { name: "utf16le", bytes: utf16leWithBom("Write-Output 'hi'\r\n"), expected: "is UTF-16 LE (byte-order mark FF FE): re-save the file as UTF-8" },
    { name: "utf16be", bytes: utf16beWithBom("echo hi\n"), expected: "is UTF-16 BE (byte-order mark FE FF): re-save the file as UTF-8" },
    ...[1, 4, 9].map((lines) => {
      const file = windows1252File(random, lines);
      return { name: `cp1252-${lines}`, bytes: file.bytes, expected: `is not UTF-8: byte 0x${file.byte.toString(16).toUpperCase()} on line ${file.line} (in Windows-1252 it would be "${file.char}")` };
    }),
    ...INVALID_UTF8.slice(0, 4).map(({ bytes }, index) => ({
      name: `invalid-${index}`,
      bytes: Uint8Array.from([...Buffer.from(`${generateLines(random, index + 1).join("\n")}\n`), ...bytes, 0x0a]),
      expected: `is not UTF-8: byte 0x${bytes[0]!.toString(16).toUpperCase()} on line ${index + 2}`,
    })),
  ];

  test("every snippet not in UTF-8 fails the build at its post's <<< line, naming the snippet file; nothing is published", async () => {
    const posts = Object.fromEntries(cases.map(({ name }, index) => [`${name}.md`, post(FRONT, `${"Intro.\n\n".repeat(index % 3)}<<< ./code/${name}.txt`)]));
    const files = Object.fromEntries(cases.map(({ name, bytes }) => [`posts/code/${name}.txt`, bytes]));
    const input = await makeFixture({ posts, files });
    try {
      const result = await runEleventy(input, ["--quiet"], { SEARCH_INDEX: "off" });
      expect(result.code).not.toBe(0);
      cases.forEach(({ name, expected }, index) => {
        expect(result.stderr).toContain(`posts/${name}.md:${6 + 2 * (index % 3)}  snippet "./code/${name}.txt": its file posts/code/${name}.txt ${expected}`);
      });
      // The failed production build leaves no output folder to deploy.
      expect(existsSync(join(input, "_site"))).toBe(false);
    } finally {
      await rm(input, { recursive: true, force: true });
    }
  });

  test("UTF-8 with a byte-order mark, and CRLF line ends, is published as the text", async () => {
    const text = `${generateLines(random, 6).join("\r\n")}\r\n`;
    const site = await buildSite({ posts: { "bom.md": post(FRONT, "<<< ./bom.txt") }, files: { "posts/bom.txt": utf8WithBom(text) } });
    try {
      const code = (await site.page("posts/bom/index.html")).querySelector("article pre code");
      expect(code?.textContent).toBe(text.replace(/\r\n/g, "\n"));
    } finally {
      await site.cleanup();
    }
  });
});
