import MarkdownIt from "markdown-it";
import { describe, expect, test } from "vitest";
import { prefixRootRelativeUrls } from "../../src/path-prefix.ts";
import { normalisePathPrefix, withPathPrefix } from "../../src/routes.ts";

describe("normalisePathPrefix", () => {
  test.each([["/", "/"], ["", "/"], ["blog", "/blog/"], ["/blog", "/blog/"], ["blog/", "/blog/"], ["//a/b//", "/a/b/"]])("%j → %j", (input, expected) => {
    expect(normalisePathPrefix(input)).toBe(expected);
  });
});

describe("withPathPrefix", () => {
  test.each([
    ["/feed.xml", "/blog/feed.xml"],
    ["/", "/blog/"],
    ["/about/#team", "/blog/about/#team"],
    ["/blog/already/", "/blog/already/"],
    ["/blog", "/blog"],
    ["/blogroll/", "/blog/blogroll/"],
    ["//cdn.example.com/x.js", "//cdn.example.com/x.js"],
    ["https://example.com/", "https://example.com/"],
    ["../sibling/", "../sibling/"],
    ["#section", "#section"],
    ["mailto:a@example.com", "mailto:a@example.com"],
  ])("%s → %s", (url, expected) => {
    expect(withPathPrefix(url, "/blog/")).toBe(expected);
  });

  test("leaves every URL alone without a prefix", () => {
    expect(withPathPrefix("/feed.xml", "/")).toBe("/feed.xml");
  });
});

describe("prefixRootRelativeUrls (markdown-it)", () => {
  const render = (prefix: string, markdown: string) => {
    const md = new MarkdownIt({ html: true });
    prefixRootRelativeUrls(md, prefix);
    return md.render(markdown);
  };

  test("prefixes root-relative links and images, in paragraphs, lists and tables", () => {
    expect(render("/blog/", "[RSS](/feed.xml) ![i](/img/a.png)")).toBe('<p><a href="/blog/feed.xml">RSS</a> <img src="/blog/img/a.png" alt="i"></p>\n');
    expect(render("/blog/", "- [a](/a/)")).toContain('href="/blog/a/"');
    expect(render("/blog/", "| x |\n|---|\n| [t](/t/) |")).toContain('href="/blog/t/"');
  });

  test("is a no-op at the root", () => {
    expect(render("/", "[RSS](/feed.xml)")).toBe('<p><a href="/feed.xml">RSS</a></p>\n');
  });
});
