import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { runEleventy } from "../helpers/cli.ts";
import { builtSite, makeFixture, post } from "../helpers/site.ts";

let input: string;
beforeAll(async () => {
  input = await makeFixture({
    files: {
      "posts/with-code.md": post("title: Code and headings\ndate: 2024-01-01T10:00:00Z\ntags: [code, c++]", "## Same\n\n## Same\n\n```js/1\nconst a = 1;\n```"),
      ...Object.fromEntries([1, 2, 3].map((n) => [`posts/same-day-${n}.md`, post(`title: Same day ${n}\ndate: 2024-02-02\ntags: ties`)])),
    },
  });
});
afterAll(() => rm(input, { recursive: true, force: true }));

test("two builds of the same input are byte-identical, file for file", async () => {
  const first = await runEleventy(input, ["--quiet", "--output=_build-one"]);
  const second = await runEleventy(input, ["--quiet", "--output=_build-two"], { TZ: "Asia/Tokyo" });
  expect([first.code, second.code]).toEqual([0, 0]);
  const one = builtSite(input, join(input, "_build-one"));
  const two = builtSite(input, join(input, "_build-two"));
  const files = await one.files();
  expect(files.length).toBeGreaterThan(5);
  expect(await two.files()).toEqual(files);
  for (const file of files) {
    const [a, b] = await Promise.all([readFile(join(one.output, file)), readFile(join(two.output, file))]);
    expect(a.equals(b), file).toBe(true);
  }
});
