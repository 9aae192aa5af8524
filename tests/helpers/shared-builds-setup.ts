import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Makes the folder the site project's whole-site builds are shared through
 * (tests/helpers/shared-site.ts) and removes it when the run ends. Nothing is
 * built here: the first test file that needs a build makes it, so a run of a
 * few unit files builds nothing. https://vitest.dev/config/globalsetup
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "blog-shared-builds-"));
  project.provide("sharedBuilds", root);
  return () => rm(root, { recursive: true, force: true });
}
