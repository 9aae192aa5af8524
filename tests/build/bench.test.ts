import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run } from "../helpers/cli.ts";
import { projectRoot } from "../helpers/site.ts";

// Not a timed test: it checks that the benchmark runs end to end and reports
// its figures, consistent with each other, on a corpus small enough to keep
// the suite fast. No figure is compared with a duration: a busy machine
// makes any of them anything.
describe("npm run bench on a tiny corpus", () => {
  test("builds full and bare sites, times an incremental rebuild, and reports JSON", async () => {
    const { code, stdout, stderr } = await run(
      [join(projectRoot, "scripts/bench.ts"), "--posts", "5", "--runs", "1", "--incremental-posts", "5", "--edits", "1", "--json"],
      { cwd: projectRoot },
    );
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.posts).toBe(5);
    for (const build of [result.full, result.bare]) {
      expect(build.pagesWritten).toBeGreaterThanOrEqual(5);
      expect(build).toMatchObject({ wallSeconds: expect.any(Number), bestWallSeconds: expect.any(Number), cpuSeconds: expect.any(Number) });
      expect(build.bestWallSeconds).toBeLessThanOrEqual(build.wallSeconds);
      expect(build.msPerPost).toBeCloseTo((build.wallSeconds * 1000) / 5);
      expect(build.peakRssMb).toBeGreaterThan(20);
      expect(build.runs).toHaveLength(1);
    }
    // The full site adds the home, about and 404 pages to the posts.
    expect(result.full.pagesWritten).toBeGreaterThan(result.bare.pagesWritten);
    expect(result.ratio).toBeCloseTo(result.full.wallSeconds / result.bare.wallSeconds);
    expect(result.incremental.posts).toBe(5);
    for (const side of [result.incremental.full, result.incremental.bare]) {
      expect(side.filesWritten).toHaveLength(side.edits);
      for (const files of side.filesWritten) expect(files).toBeGreaterThanOrEqual(1);
      expect(side.medianSeconds).toEqual(expect.any(Number));
    }
  }, 60_000);
});
