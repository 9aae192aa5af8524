import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { isDedicatedOutputFolder } from "../../src/output-folder.ts";

let root: string;
let folders: { cwd: string; input: string; includes: string; data: string };
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "output-folder-"));
  await mkdir(join(root, "_site"));
  await mkdir(join(root, "other"));
  await writeFile(join(root, "other", "package.json"), "{}");
  folders = { cwd: root, input: ".", includes: "_includes", data: "_data" };
});
afterAll(() => rm(root, { recursive: true, force: true }));

test("the usual _site folder, or one elsewhere, may be removed", () => {
  expect(isDedicatedOutputFolder("_site", folders)).toBe(true);
  expect(isDedicatedOutputFolder(join(tmpdir(), "some-output"), folders)).toBe(true);
});

test.each([".", "..", "/", "_includes", "_includes/sub", "_data", "posts", "pages/x", "public", "other"])("never %j", (output) => {
  expect(isDedicatedOutputFolder(output, folders)).toBe(false);
});
