import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPost, NewPostError, parseCommandLine, USAGE } from "../../scripts/new-post.ts";
import { splitFrontMatter, validatePostSource } from "../../src/validate-posts.ts";
import { run } from "../helpers/cli.ts";
import { projectRoot } from "../helpers/site.ts";

const SCRIPT = join(projectRoot, "scripts/new-post.ts");
let root: string;
beforeAll(async () => { root = await mkdtemp(join(tmpdir(), "new-post-")); });
afterAll(() => rm(root, { recursive: true, force: true }));

function frontMatterOf(text: string): Record<string, unknown> {
  return yaml.load(splitFrontMatter(text).yaml ?? "", { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
}

describe("npm run new, through the real script", () => {
  test("writes posts/<slug>.md with valid front matter and prints its path", async () => {
    const result = await run([SCRIPT, "My post title", "--tags", "serverless,aws"], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(join("posts", "my-post-title.md"));
    const text = await readFile(join(root, "posts/my-post-title.md"), "utf8");
    expect(validatePostSource("posts/my-post-title.md", text)).toEqual([]);
    const data = frontMatterOf(text);
    expect(data).toMatchObject({ title: "My post title", tags: ["serverless", "aws"] });
    expect(data.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test("refuses to overwrite an existing post, and leaves it untouched", async () => {
    await mkdir(join(root, "posts"), { recursive: true });
    await writeFile(join(root, "posts/taken.md"), "my words");
    const result = await run([SCRIPT, "Taken"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("posts/taken.md already exists");
    expect(await readFile(join(root, "posts/taken.md"), "utf8")).toBe("my words");
  });

  test("without a title it explains how to call it", async () => {
    const result = await run([SCRIPT], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm run new -- "My post title"');
  });

  test("--help prints the usage; an unknown option is named, with the usage, and no stack trace", async () => {
    const help = await run([SCRIPT, "--help"], { cwd: root });
    expect([help.code, help.stderr]).toEqual([0, ""]);
    expect(help.stdout).toContain(USAGE);
    const typo = await run([SCRIPT, "A title", "--tag", "aws"], { cwd: root });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("Unknown option '--tag'");
    expect(typo.stderr).toContain("--tags a,b");
    expect(typo.stderr).not.toContain("ERR_PARSE_ARGS");
    expect(typo.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("parseCommandLine", () => {
  test("reads the title, tags and switches", () => {
    expect(parseCommandLine(["Cold", "starts", "--tags", "a,b", "--folder", "--draft"])).toEqual({ help: false, title: "Cold starts", tags: ["a", "b"], draft: true, folder: true });
    expect(parseCommandLine(["-h"])).toEqual({ help: true });
    expect(() => parseCommandLine(["--nope"])).toThrow(NewPostError);
  });
});

describe("createPost", () => {
  test.each([
    ['He said: "hi" # not a comment', "he-said-hi-sharp-not-a-comment"],
    ["Colons: everywhere: really", "colons-everywhere-really"],
    ["It's a 'quote' \\ backslash", "it-s-a-quote-backslash"],
    ["- [not] {a} list: & *alias", "not-a-list-and-alias"],
  ])("keeps the title %j exactly", async (title, slug) => {
    const path = await createPost({ title, root, now: new Date("2024-03-18T23:30:00Z") });
    expect(path).toBe(join(root, "posts", `${slug}.md`));
    const text = await readFile(path, "utf8");
    expect(validatePostSource("x.md", text)).toEqual([]);
    expect(frontMatterOf(text)).toEqual({ title, date: "2024-03-18" });
  });

  test("today is taken in the site's time zone", async () => {
    const path = await createPost({ title: "Zoned", root, now: new Date("2024-03-18T23:30:00Z"), timeZone: "Asia/Tokyo" });
    expect(frontMatterOf(await readFile(path, "utf8")).date).toBe("2024-03-19");
  });

  test("--folder writes posts/<slug>/index.md, for a post with images beside it, and never a second post for one URL", async () => {
    const path = await createPost({ title: "My trip", folder: true, root, now: new Date("2024-03-18T12:00:00Z") });
    expect(path).toBe(join(root, "posts", "my-trip", "index.md"));
    expect(validatePostSource("posts/my-trip/index.md", await readFile(path, "utf8"))).toEqual([]);
    await expect(createPost({ title: "My trip", root })).rejects.toThrow("posts/my-trip/index.md already exists at the same URL");
  });

  test("a title with nothing to slug is refused", async () => {
    await expect(createPost({ title: "!!!", root })).rejects.toBeInstanceOf(NewPostError);
  });
});
