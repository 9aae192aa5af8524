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

/**
 * Two builds through the real CLI, on machines on either side of UTC: the
 * output must not depend on the run or on the machine's time zone (dates are
 * formatted in the site's zone, src/dates.ts). The time zone of a process is
 * only honest when set before it starts, hence the CLI.
 */
test("two builds of the same input, in two time zones, are byte-identical, file for file, with the posts' own dates", async () => {
  const first = await runEleventy(input, ["--quiet", "--output=_build-one"], { TZ: "America/Los_Angeles" });
  const second = await runEleventy(input, ["--quiet", "--output=_build-two"], { TZ: "Asia/Tokyo" });
  expect([first.code, second.code]).toEqual([0, 0]);
  expect([first.stderr, second.stderr]).toEqual(["", ""]);
  const one = builtSite(input, join(input, "_build-one"));
  const two = builtSite(input, join(input, "_build-two"));
  const files = await one.files();
  expect(files.length).toBeGreaterThan(5);
  expect(await two.files()).toEqual(files);
  for (const file of files) {
    const [a, b] = await Promise.all([readFile(join(one.output, file)), readFile(join(two.output, file))]);
    expect(a.equals(b), file).toBe(true);
  }
  // Identical, and right: the seed post's date is the day its author wrote, not the day before or after.
  const time = (await one.page("posts/embracing-serverless-architecture/index.html")).querySelector("article time")!;
  expect(time.getAttribute("datetime")).toBe("2023-05-20");
  expect(time.textContent).toBe("May 20, 2023");
});
