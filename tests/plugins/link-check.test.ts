import { describe, expect, test } from "vitest";
import { AuthoringError, setReportPrinting } from "../../src/build-status.ts";
import { linkCheckPlugin } from "../../src/plugins/link-check.ts";
import { buildToFolder } from "../helpers/bare-eleventy.ts";

setReportPrinting(false);

function build(home: string, pathPrefix?: string): Promise<unknown> {
  return buildToFolder((eleventyConfig) => {
    eleventyConfig.addPlugin(linkCheckPlugin);
    eleventyConfig.addTemplate("index.njk", home, {});
    eleventyConfig.addTemplate("about.njk", '<h2 id="team">Team</h2>', { permalink: "/about/" });
  }, async (_folder, error) => error, pathPrefix ? { pathPrefix } : {});
}

describe("linkCheckPlugin on a bare Eleventy", () => {
  test("links to written pages and their ids pass", async () => {
    expect(await build('<a href="/about/">About</a> <a href="/about/#team">Team</a> <a href="https://example.com/nowhere">out</a>')).toBeUndefined();
  });

  test("a link to a page or an id the build did not write fails the build, naming the page and the link", async () => {
    const error = await build('<a href="/missing/">gone</a> <a href="/about/#nobody">who</a>');
    expect(error).toBeInstanceOf(AuthoringError);
    const { message, report } = error as AuthoringError;
    expect(message).toMatch(/^2 broken internal links/);
    expect(report).toContain("/missing/");
    expect(report).toContain("/about/#nobody");
  });

  test("under a path prefix, links are checked as the site serves them", async () => {
    expect(await build('<a href="/blog/about/#team">Team</a>', "/blog/")).toBeUndefined();
    expect(await build('<a href="/about/">no prefix</a>', "/blog/")).toBeInstanceOf(AuthoringError);
  });
});
