import { rm } from "node:fs/promises";
import { afterAll, describe, expect, test } from "vitest";
import { runEleventy } from "../helpers/cli.ts";
import { makeFixture, post } from "../helpers/site.ts";

const TARGET = post("title: Target\ndate: 2024-01-01", "## Getting started\n\nText.\n\n<p id=\"custom-id\">A paragraph with an id.</p>");
const fixtures: string[] = [];
afterAll(() => Promise.all(fixtures.map((dir) => rm(dir, { recursive: true, force: true }))));

async function cliBuild(posts: Record<string, string>) {
  const input = await makeFixture({ posts: { "target.md": TARGET, ...posts } });
  fixtures.push(input);
  return runEleventy(input, ["--quiet"]);
}

describe("after a build, broken internal links fail it, naming the page and the link", () => {
  test("a link to a page that does not exist", async () => {
    const result = await cliBuild({ "links-to-missing.md": post("title: Missing\ndate: 2024-01-02", "See [the guide](/posts/no-such-post/).") });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("/posts/links-to-missing/ (./posts/links-to-missing.md)");
    // At the link's line in the post (front matter: lines 1–4).
    expect(result.stderr).toContain("  posts/links-to-missing.md:6  links to /posts/no-such-post/: no page or file is built at /posts/no-such-post/");
    expect(result.stderr).toContain("1 broken internal link");
  });

  test("a link to an anchor that does not exist, on another page and on the same page", async () => {
    const result = await cliBuild({
      "links-to-bad-anchor.md": post("title: Bad anchor\ndate: 2024-01-02", "See [setup](/posts/target/#setting-up) and\n[below](#nowhere).\n\nAgain [below](#nowhere)."),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  posts/links-to-bad-anchor.md:6  links to /posts/target/#setting-up: /posts/target/ has no element with id="setting-up"');
    // The same broken link twice: each report line at its own occurrence.
    expect(result.stderr).toContain('  posts/links-to-bad-anchor.md:7  links to #nowhere: this page has no element with id="nowhere"');
    expect(result.stderr).toContain('  posts/links-to-bad-anchor.md:9  links to #nowhere: this page has no element with id="nowhere"');
  });
});

test("valid links pass: root-relative, relative, index.html, no trailing slash, anchors, passthrough files", async () => {
  const result = await cliBuild({
    "links-that-work.md": post(
      "title: Working links\ndate: 2024-01-02",
      [
        "[a](/posts/target/) [b](../target/) [c](/posts/target/index.html) [d](/posts/target)",
        "[e](/posts/target/#getting-started) [f](../target/#custom-id) [g](#working-links-section) [h](#top)",
        "[i](/favicon.svg) [j](/styles.css) [k](/) [l](/about/) [m](https://example.com/missing/) [n](mailto:a@example.com)",
        "[o](/posts/target/?ref=home#getting-started)",
        "",
        "## Working links section",
        "",
        "```html\n<a href=\"/posts/not-a-link-in-code/\">escaped code is not a link</a>\n```",
      ].join("\n"),
    ),
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
});
