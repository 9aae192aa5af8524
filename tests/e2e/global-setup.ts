import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { assertChromium } from "../helpers/browser.ts";
import { runEleventy } from "../helpers/cli.ts";
import { realPostsWithKitchenSink } from "../helpers/kitchen-sink.ts";
import { makeFixture } from "../helpers/site.ts";

/**
 * Builds the real site ONCE for every browser test file, with the real CLI as
 * `npm run build` does, into a temp folder; each file serves it on its own
 * port. https://vitest.dev/config/globalsetup
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromium();
  // The real posts, and the kitchen-sink post with every writing feature (tests/helpers/kitchen-sink.ts).
  const input = await makeFixture(await realPostsWithKitchenSink());
  // The search journey needs the Pagefind index.
  const result = await runEleventy(input, [], { SEARCH_INDEX: "on" });
  if (result.code !== 0) throw new Error(`Building the site for the browser tests failed:\n${result.stderr}`);
  project.provide("e2eSiteOutput", join(input, "_site"));
  return () => rm(input, { recursive: true, force: true });
}
