import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { checkLinks, extractLinksAndIds, formatLinkProblems, type BuiltPage } from "../../src/link-check.ts";

const HTML = `<!doctype html><html><head><title>a <a href="/not-a-link/"></title>
<link rel="stylesheet" href="/styles.css"><script>const s = '<a href="/in-script/" id="in-script">';</script></head>
<body><main id="main"><h2 id="caf&eacute;-x">t</h2><a href='/posts/a/?x=1&amp;y=2#frag' class="c">a</a>
<!-- <a href="/commented/" id="commented"> -->
<a name="legacy">old</a><span class="token" title="a > b" id="gt-in-attribute">s</span>
<pre><code>&lt;a href="/escaped/"&gt;</code></pre><div data-id="not-an-id" hidden>x</div><img src="/i.png" id=unquoted></main></body></html>`;

describe("extractLinksAndIds agrees with a real HTML parser", () => {
  const scanned = extractLinksAndIds(HTML);
  const { document } = parseHTML(HTML);

  test("hrefs of a, area and link", () => {
    const parsed = [...document.querySelectorAll("a[href], area[href], link[href]")].map((el) => el.getAttribute("href"));
    expect(scanned.hrefs).toEqual(parsed);
    expect(scanned.hrefs).toEqual(["/styles.css", "/posts/a/?x=1&y=2#frag"]);
  });

  test("ids and a[name]", () => {
    const parsed = [...document.querySelectorAll("[id]")].map((el) => el.getAttribute("id"));
    expect([...scanned.ids].filter((id) => id !== "legacy").sort()).toEqual(parsed.sort());
    expect(scanned.ids.has("legacy")).toBe(true);
  });
});

function page(url: string, body: string): BuiltPage {
  return { url, inputPath: `./src${url}index.md`, outputPath: `_site${url}index.html`, content: `<main>${body}</main>` };
}

const PAGES = [
  page("/", '<a href="/posts/a/">a</a> <a href="posts/b/#part-2">b</a> <a href="/favicon.svg">icon</a>'),
  page("/posts/a/", '<h2 id="intro">Intro</h2><a href="#intro">self</a> <a href="../b/#part-2">b</a> <a href="/posts/b">no slash</a> <a href="https://elsewhere.example/x/">out</a>'),
  page("/posts/b/", '<h2 id="part-2">Part 2</h2><a href="/pagefind/pagefind.js">search</a> <a href="mailto:me@example.com">mail</a> <a href="#">top</a>'),
  page("/posts/caf\u00e9/", '<h2 id="caf\u00e9">Café</h2><a href="/posts/caf%C3%A9/#caf%C3%A9">encoded</a>'),
];
const files = new Set(["/favicon.svg"]);
const options = { pathPrefix: "/", fileExists: (path: string) => files.has(path), ignore: ["/pagefind/"] };

describe("checkLinks", () => {
  test("valid links of every kind pass", () => {
    expect(checkLinks(PAGES, options)).toEqual([]);
  });

  test("a broken link and a broken anchor are caught, naming the page and the link", () => {
    const broken = [...PAGES, page("/posts/c/", '<a href="/posts/gone/">gone</a> <a href="/posts/a/#outro">outro</a> <a href="#missing">m</a>')];
    const problems = checkLinks(broken, options);
    expect(problems.map((p) => [p.page, p.href])).toEqual([
      ["/posts/c/", "/posts/gone/"],
      ["/posts/c/", "/posts/a/#outro"],
      ["/posts/c/", "#missing"],
    ]);
    expect(formatLinkProblems(problems)).toContain('links to /posts/a/#outro: /posts/a/ has no element with id="outro"');
  });

  test("honours the path prefix: relative links resolve inside it, root links must carry it", () => {
    const prefixed = [
      page("/", '<a href="/blog/posts/a/#intro">a</a> <a href="posts/a/">relative</a>'),
      page("/posts/a/", '<h2 id="intro">Intro</h2><a href="/posts/a/">no prefix</a> <a href="../../">home</a>'),
    ];
    const problems = checkLinks(prefixed, { ...options, pathPrefix: "/blog/" });
    expect(problems.map((p) => [p.page, p.href])).toEqual([["/posts/a/", "/posts/a/"]]);
    expect(problems[0]!.reason).toContain("outside the site's path prefix /blog/");
  });
});
