import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseHTML } from "linkedom";
import { afterEach, describe, expect, onTestFailed, test } from "vitest";
import { startDevServer, type DevServer } from "../helpers/dev-server.ts";
import { makeFixture, post } from "../helpers/site.ts";
import { toCopiedPath } from "../../src/post-assets.ts";

/**
 * Files beside posts are decided on every build, not once when `npm start`
 * loads the config: a file added while the server runs is copied at its clean
 * URL, a renamed one moves, a deleted one is gone, and the rebuilds after it
 * keep working. Each step waits for Eleventy's own log of the change and the
 * rebuild that follows it (no sleeps), then asks the dev server.
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Folders a post can live in: clean, spelled unlike its URL, dated, and one that does not exist yet. */
const FOLDERS = ["trip", "My Trip", "2024-01-01-Log Book", "New Place"];
/** Text and bytes that are not UTF-8, so that a copy that re-encodes shows. */
const CONTENTS = [Buffer.from("map of the trip\n"), Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x80, 0xfe]), Buffer.from("{{ title }} {% if x %}<html>\n")];
const NAMES = ["map.txt", "photo.jpg", "base.njk"];

function urlOf(file: string): string {
  return `/${toCopiedPath(file).split("/").map(encodeURIComponent).join("/")}`;
}

async function fetchBytes(server: DevServer, file: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(server.url(urlOf(file)));
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("npm start copies the files beside posts as they are now", () => {
  test("added, renamed and deleted files beside posts, in clean and renamed folders, rebuild after rebuild", async () => {
    const posts: Record<string, string> = Object.fromEntries(
      FOLDERS.slice(0, -1).map((folder, index) => [`${folder}/index.md`, post(`title: Post ${index}\ndate: 2024-01-0${index + 1}`, "Text.")]),
    );
    const input = await makeFixture({ posts });
    cleanups.push(() => rm(input, { recursive: true, force: true }));
    const server = await startDevServer(input);
    cleanups.push(() => server.stop());
    onTestFailed(() => console.error(`npm start printed:\n${server.log()}`));
    const onDisk = (file: string) => join(input, file);
    const write = async (file: string, bytes: Buffer) => {
      await mkdir(dirname(onDisk(file)), { recursive: true });
      await writeFile(onDisk(file), bytes);
    };

    // Eleventy prints "Watching…" before its watcher has read every folder, and a file saved into a folder
    // not read yet is taken for one that was there from the start. A change seen in every post's folder says they are all read.
    const postFiles = Object.keys(posts).map((name) => `posts/${name}`);
    await server.rebuildAfter(postFiles, () => Promise.all(postFiles.map(async (file) => writeFile(onDisk(file), `${await readFile(onDisk(file), "utf8")}\nMore.\n`))));

    // One file of each kind of content in each folder, all new to the running server.
    const added = FOLDERS.map((folder, index) => ({ file: `posts/${folder}/${NAMES[index % NAMES.length]}`, bytes: CONTENTS[index % CONTENTS.length]! }));
    await server.rebuildAfter(added.map(({ file }) => file), () => Promise.all(added.map(({ file, bytes }) => write(file, bytes))));
    for (const { file, bytes } of added) {
      const served = await fetchBytes(server, file);
      expect(served.status, `${file} at ${urlOf(file)}`).toBe(200);
      expect(served.bytes.equals(bytes), `${file}: the same bytes`).toBe(true);
    }
    // Only the clean spelling is published.
    expect((await fetch(server.url(`/${added[1]!.file.split("/").map(encodeURIComponent).join("/")}`))).status).toBe(404);

    // Renamed: the old URL is gone, the new one serves the same bytes.
    const renamed = added.map(({ file, bytes }) => ({ from: file, file: file.replace(/\/([^/]+)$/, "/renamed-$1"), bytes }));
    await server.rebuildAfter(renamed.flatMap(({ from, file }) => [from, file]), () => Promise.all(renamed.map(({ from, file }) => rename(onDisk(from), onDisk(file)))));
    for (const { from, file, bytes } of renamed) {
      expect((await fetchBytes(server, from)).status, `${from}, renamed`).toBe(404);
      const served = await fetchBytes(server, file);
      expect(served.status, `${file} at ${urlOf(file)}`).toBe(200);
      expect(served.bytes.equals(bytes), `${file}: the same bytes`).toBe(true);
    }

    // Deleted: gone, and the rebuilds after it still succeed.
    await server.rebuildAfter(renamed.map(({ file }) => file), () => Promise.all(renamed.map(({ file }) => rm(onDisk(file)))));
    for (const { file } of renamed) expect((await fetchBytes(server, file)).status, `${file}, deleted`).toBe(404);
    const start = server.log().length;
    const edited = "posts/trip/index.md";
    await server.rebuildAfter([edited], () => writeFile(onDisk(edited), post("title: Trip, edited\ndate: 2024-01-01", "Text.")));
    expect(server.log().slice(start)).not.toMatch(/ENOENT|Problem|Error/);
    const page = parseHTML(await (await fetch(server.url("/posts/trip/"))).text()).document;
    expect(page.querySelector("h1")?.textContent).toContain("Trip, edited");
    expect(await readFile(onDisk(edited), "utf8")).toContain("Trip, edited");
  }, 180_000);
});
