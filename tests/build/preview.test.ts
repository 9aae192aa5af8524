import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { securityHeaders } from "../../src/security-headers.ts";
import { run } from "../helpers/cli.ts";
import { buildSite, post, projectRoot, type BuiltSite } from "../helpers/site.ts";

describe("npm run preview (scripts/preview.ts)", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({ posts: { "previewed.md": post("title: Previewed\ndate: 2024-01-01") } });
  });
  afterAll(() => site?.cleanup());

  test("serves the build on 127.0.0.1 with the production headers and the 404 page", async () => {
    const child = spawn(join(projectRoot, "node_modules/.bin/tsx"), ["scripts/preview.ts", "--port=0", `--dir=${site.output}`], { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] });
    try {
      const lines = createInterface({ input: child.stdout });
      let url = "";
      for await (const line of lines) {
        url = line.split(" ").find((word) => word.startsWith("http://127.0.0.1:")) ?? "";
        if (url) break;
      }
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const home = await fetch(url);
      expect(home.status).toBe(200);
      expect(home.headers.get("content-security-policy")).toBe(securityHeaders["Content-Security-Policy"]);
      expect(await (await fetch(new URL("posts/previewed/", url))).text()).toContain("Previewed");
      expect((await fetch(new URL("nothing-here/", url))).status).toBe(404);
    } finally {
      child.kill();
    }
  });

  test("says to build first when there is nothing to preview", async () => {
    const result = await run(["scripts/preview.ts", `--dir=${join(site.input, "no-such-folder")}`], { cwd: projectRoot });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Run `npm run build` first");
  });
});
