/**
 * `tsx scripts/build-snapshots.ts <folder>`: builds the launch site (posts/)
 * and the kitchen-sink fixture (the real posts plus tests/fixtures/kitchen-sink),
 * each at the root and under `--pathprefix=/blog/`, with the Eleventy CLI and
 * SOCIAL_CARDS=off SEARCH_INDEX=off, into <folder>/{launch,kitchen-sink}{,-blog}/.
 * Run it before and after a refactor that must not change the output, then
 * `diff -r before after`: an empty diff means byte-identical sites.
 */
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { makeFixture, projectRoot } from "../tests/helpers/site.ts";
import { realPostsWithKitchenSink } from "../tests/helpers/kitchen-sink.ts";

const target = process.argv[2];
if (!target) throw new Error("usage: tsx scripts/build-snapshots.ts <output folder>");
const out = resolve(target);
const cli = join(projectRoot, "node_modules/@11ty/eleventy/cmd.cjs");
const tsx = join(projectRoot, "node_modules/.bin/tsx");
const env = { ...process.env, SOCIAL_CARDS: "off", SEARCH_INDEX: "off" };

function build(cwd: string, output: string, pathPrefix?: string): void {
  const args = [cli, `--config=${join(projectRoot, "eleventy.config.ts")}`, `--output=${output}`, "--quiet", ...(pathPrefix ? [`--pathprefix=${pathPrefix}`] : [])];
  execFileSync(tsx, args, { cwd, env, stdio: "inherit" });
}

const kitchenSink = await makeFixture(await realPostsWithKitchenSink());
try {
  for (const [suffix, prefix] of [["", undefined], ["-blog", "/blog/"]] as const) {
    build(projectRoot, join(out, `launch${suffix}`), prefix);
    build(kitchenSink, join(out, `kitchen-sink${suffix}`), prefix);
  }
} finally {
  await rm(kitchenSink, { recursive: true, force: true });
}
