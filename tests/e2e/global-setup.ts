import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { assertChromium, launchBrowserServer } from "../helpers/browser.ts";
import { runEleventy } from "../helpers/cli.ts";
import { realPostsWithKitchenSink } from "../helpers/kitchen-sink.ts";
import { makeFixture } from "../helpers/site.ts";

/**
 * Builds the real site ONCE for every browser test file, with the real CLI as
 * `npm run build` does, into a temp folder; each file serves it on its own
 * port. Launches ONE Chromium for them all, which each file connects to
 * (tests/helpers/browser.ts). https://vitest.dev/config/globalsetup
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromium();
  // Chromium starts while the site builds.
  const starting = launchBrowserServer();
  let input: string | undefined;
  try {
    // The real posts, and the kitchen-sink post with every writing feature (tests/helpers/kitchen-sink.ts).
    input = await makeFixture(await realPostsWithKitchenSink());
    // The search journey needs the Pagefind index.
    const result = await runEleventy(input, [], { SEARCH_INDEX: "on" });
    if (result.code !== 0) throw new Error(`Building the site for the browser tests failed:\n${result.stderr}`);
  } catch (error) {
    await starting.then((server) => server.close(), () => undefined);
    if (input) await rm(input, { recursive: true, force: true });
    throw error;
  }
  const browser = await starting;
  const folder = input;
  project.provide("e2eSiteOutput", join(folder, "_site"));
  project.provide("e2eBrowserEndpoint", browser.wsEndpoint());
  return async () => {
    await browser.close();
    await rm(folder, { recursive: true, force: true });
  };
}
