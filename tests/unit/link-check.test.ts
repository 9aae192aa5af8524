import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { checkLinks, extractLinksAndIds, formatLinkProblems, locateLinkProblems, type BuiltPage, type LinkProblem } from "../../src/link-check.ts";

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

describe("locateLinkProblems finds each broken link's line in the page's source", () => {
  const HREFS = ["/posts/gone/", "../gone/#x", "#nowhere", "/posts/a/?q=1#b"];
  // Every arrangement of up to three occurrences of each href over the body's lines, after a front matter that mentions one too.
  for (const prefix of ["/", "/blog/"]) {
    test.each(HREFS)(`the n-th report of %s is its n-th occurrence (path prefix ${prefix})`, (href) => {
      const frontMatter = ["---", `canonical: ${href}`, "---", ""];
      for (let seed = 0; seed < 20; seed++) {
        const body: string[] = [];
        const expected: number[] = [];
        for (let line = 0; line < 12; line++) {
          const hits = (seed * 7 + line * 3) % 5 === 0 ? 1 + ((seed + line) % 2) : 0;
          body.push(`Text ${`[x](${href}) `.repeat(hits)}end.`);
          for (let i = 0; i < hits; i++) expected.push(frontMatter.length + line + 1);
        }
        const built = prefix !== "/" && href.startsWith("/") ? prefix + href.slice(1) : href;
        const problems: LinkProblem[] = expected.map(() => ({ page: "/posts/p/", inputPath: "./posts/p.md", href: built, reason: "broken" }));
        const located = locateLinkProblems(problems, () => [...frontMatter, ...body].join("\n"), prefix);
        expect(located.map((p) => p.line)).toEqual(expected);
      }
    });
  }

  test("a link the source does not hold (the layout's) and a virtual page keep no line; the report shows file:line when known", () => {
    const problems: LinkProblem[] = [
      { page: "/posts/p/", inputPath: "./posts/p.md", href: "/nav/", reason: "broken" },
      { page: "/posts/p/", inputPath: "./posts/p.md", href: "/gone/", reason: "broken" },
      { page: "/v/", inputPath: "./virtual.md", href: "/gone/", reason: "broken" },
    ];
    const located = locateLinkProblems(problems, (path) => (path === "./posts/p.md" ? "Intro\n\n[g](/gone/)" : undefined), "/");
    expect(located.map((p) => p.line)).toEqual([undefined, 3, undefined]);
    expect(formatLinkProblems(located).split("\n")).toEqual(expect.arrayContaining(["  links to /nav/: broken", "  posts/p.md:3  links to /gone/: broken"]));
  });
});
