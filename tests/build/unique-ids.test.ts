import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { site as siteData } from "../../src/site.ts";
import { toSlug } from "../../src/slugs.ts";
import { toTagSlug } from "../../src/tags.ts";
import { PostError } from "../../src/build-status.ts";
import { browserDocument, distinctIds, generatePost, HEADING_NAMES, ID_FORMS, SITE_IDS, type GeneratedPost } from "../helpers/raw-html-ids.ts";
import { buildSite, post, projectRoot, type BuiltSite } from "../helpers/site.ts";

/**
 * Every id on every page is unique and every link to one lands where it should, also when an
 * author's tags and headings are named like the ids the site writes itself (a tag "feeds" once
 * took /subscribe/'s heading id "tag-feeds"). The names are not a hand-kept list: a first build
 * of posts that use every construct writing an id (TOC, series, related posts, footnotes, a
 * diagram, a labelled equation, tag entries, archive years, enhance.js) collects the ids, and a second build tags and
 * titles its posts with those ids and their look-alikes. A post's own raw HTML (`<div id="setup">`)
 * takes them too, in every form raw HTML can carry an id (tests/helpers/raw-html-ids.ts).
 */

/** Posts that between them make every template, Markdown rule and script write its ids. */
function baselinePosts(): Record<string, string> {
  return {
    "first.md": post("title: First\ndate: 2024-03-01\ntags: [alpha, beta]\nseries: Saga\nseriesPart: 1", firstBody([])),
    "second.md": post("title: Second\ndate: 2023-05-01\ntags: [alpha]\nseries: Saga\nseriesPart: 2", "See [the setup](/posts/first/#setup) and [the note](/posts/first/#fn_1)."),
    "third.md": post("title: Third\ndate: 2022-05-01\ntags: [beta]"),
  };
}

/** The first post's body, with extra headings before the notes; its diagram (and so its ids) stays the same. */
function firstBody(extraHeadings: readonly string[]): string {
  return [
    "> [!NOTE]\n> A callout.",
    "Text with a note[^1], again[^1] and inline^[An inline note.]. Back to [the overview](#overview).",
    "## Overview", "### Details", "## Setup",
    ...extraHeadings,
    "$$E = mc^2$$ (1)",
    // Temml writes `\\label{…}` as an id, verbatim.
    "$$\\begin{equation}a = b\\label{main}\\end{equation}$$",
    "```mermaid\nflowchart LR\n  A --> B\n```",
    "| a | b |\n|--:|---|\n| 1 | 2 |",
    "[^1]: The note.",
  ].join("\n\n");
}

/** Names an author could plausibly write that look like the site's ids, beyond those a build shows. */
const KNOWN_TRAPS = ["feeds", "site-feeds", "tag-feeds", "main", "toc-title", "series-title", "related-title", "year-2024", "fn_1", "fnref_1", "search", "search-query", "theme-label"];

/** An id, and what an author would write to get it: with `-` for `_`, with spaces, and a tag's name for `tag-…`. */
function lookAlikes(id: string): string[] {
  const forms = [id, id.replaceAll("_", "-"), id.replace(/[-_]/g, " ")];
  return [...forms, ...forms.filter((form) => /^tag[- ]/.test(form)).map((form) => form.slice(4))].filter(Boolean);
}

const enhanceScript = readFile(join(projectRoot, "public/enhance.js"), "utf8");

/** A built page as a reader's browser holds it once public/enhance.js has run, so the ids it adds count too. */
async function enhancedPage(site: BuiltSite, path: string): Promise<Document> {
  // Parsed as a browser parses it: an author's `<DIV ID=x>` has the id x.
  const document = browserDocument(await site.read(path));
  const noop = () => {};
  runInNewContext(await enhanceScript, {
    document,
    matchMedia: () => ({ matches: false, addEventListener: noop, removeEventListener: noop }),
    localStorage: { getItem: () => null, setItem: noop, removeItem: noop },
    navigator: { clipboard: { writeText: async () => {} } },
    setTimeout: noop,
  });
  return document as unknown as Document;
}

async function htmlPages(site: BuiltSite): Promise<string[]> {
  return (await site.files()).filter((file) => file.endsWith(".html"));
}

function ids(doc: Document): string[] {
  return [...doc.querySelectorAll("[id]")].map((element) => element.getAttribute("id")!);
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/** The built file a site-relative URL is served from. */
function fileOf(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  return (path.endsWith("/") ? `${path}index.html` : path).slice(1);
}

/**
 * Where a same-page link must land, by what wrote it; an author's own `#link` only has to land
 * somewhere. Returns what is wrong, or nothing.
 */
function wrongTarget(link: Element, target: Element): string | undefined {
  const is = (selector: string) => (target.matches(selector) ? undefined : `lands on ${target.outerHTML.slice(0, 120)}, not ${selector}`);
  if (link.matches(".skip-link")) return is("main");
  if (link.matches(".heading-anchor")) return target === link.previousElementSibling && target.matches("h2, h3, h4, h5, h6") ? undefined : `lands on ${target.outerHTML.slice(0, 120)}, not its heading`;
  if (link.matches("nav.toc a")) return is(".post-content :is(h2, h3)");
  if (link.matches(".footnote-ref > a")) return is(`li.footnote-item:has(a.footnote-backref[href="#${link.id}"])`);
  if (link.matches(".footnote-backref")) return is(`.footnote-ref > a[href="#${link.closest("li")!.id}"]`);
  return undefined;
}

/** Every id reference inside a page: links, ARIA names and descriptions, labels, and SVG's url(#…) and href. */
function idReferences(doc: Document): Array<{ from: Element; id: string; kind: string }> {
  const references: Array<{ from: Element; id: string; kind: string }> = [];
  for (const from of doc.querySelectorAll("[href^='#']")) references.push({ from, id: decodeURIComponent(from.getAttribute("href")!.slice(1)), kind: "href" });
  for (const kind of ["aria-labelledby", "aria-describedby", "for"]) {
    for (const from of doc.querySelectorAll(`[${kind}]`)) for (const id of from.getAttribute(kind)!.split(/\s+/).filter(Boolean)) references.push({ from, id, kind });
  }
  for (const from of doc.querySelectorAll("svg *")) {
    for (const attribute of from.attributes) for (const match of attribute.value.matchAll(/url\(#([^)]+)\)/g)) references.push({ from, id: match[1]!, kind: attribute.name });
  }
  return references;
}

/**
 * A post whose raw HTML gives elements the ids an author may write (every look-alike of the
 * site's ids without `_`, every heading slug), each in another form, beside headings of the
 * same names.
 */
function rawHtmlPost(names: readonly string[]): GeneratedPost {
  const ids = [...new Set([...names, ...HEADING_NAMES.map(toSlug)])].filter((id) => id !== "" && !/[\s_]/.test(id) && id !== "main");
  const generated = generatePost(18, ids);
  const headings = [...names, ...HEADING_NAMES].map((name) => ({ text: name, level: 2 }));
  return { ...generated, body: [generated.body, ...headings.map(({ text }) => `## ${text}`)].join("\n\n"), headings: [...generated.headings, ...headings] };
}

describe("ids on every page, when tags and headings are named like the site's own ids", () => {
  let baseline: BuiltSite;
  let site: BuiltSite;
  let tagNames: string[];
  let headingNames: string[];
  let raw: GeneratedPost;
  const written = new Set<string>();

  beforeAll(async () => {
    baseline = await buildSite({ posts: baselinePosts() });
    for (const path of await htmlPages(baseline)) for (const id of ids(await enhancedPage(baseline, path))) written.add(id);
    const names = [...new Set([...written, ...KNOWN_TRAPS].flatMap(lookAlikes))].sort();
    // One spelling per tag URL: "toc_title" and "toc-title" would be one tag page, which the build rightly refuses.
    tagNames = [...new Map(names.map((name) => [toTagSlug(name), name])).values()];
    // Each heading twice, as h2 and h3, so a heading also collides with its own twin.
    headingNames = names;
    const headings = names.flatMap((name) => [`## ${name}`, `### ${name}`]);
    const posts = baselinePosts();
    posts["first.md"] = post(`title: First\ndate: 2024-03-01\ntags: ${JSON.stringify(["alpha", "beta", ...tagNames])}\nseries: Saga\nseriesPart: 1`, firstBody(headings));
    posts["third.md"] = post(`title: Third\ndate: 2022-05-01\ntags: ${JSON.stringify(["beta", ...tagNames.slice(0, 5)])}`, headings.join("\n\n"));
    raw = rawHtmlPost(names);
    posts["raw.md"] = post(`title: Raw\ndate: 2022-06-01\ntags: [beta]`, raw.body);
    site = await buildSite({ posts });
  });
  afterAll(async () => {
    await baseline?.cleanup();
    await site?.cleanup();
  });

  test("the names are drawn from every id a build writes, and include the reported one", () => {
    expect(headingNames).toEqual(expect.arrayContaining([...written]));
    expect(written.size).toBeGreaterThan(20);
    expect(tagNames).toContain("feeds");
    expect(headingNames.some((name) => name.startsWith("diagram"))).toBe(true);
  });

  test("no page has an id twice, counting the ids public/enhance.js adds", async () => {
    const pages = await htmlPages(site);
    expect(pages).toEqual(expect.arrayContaining(["posts/raw/index.html", "posts/first/index.html", "subscribe/index.html", "archive/index.html", "search/index.html", "tags/feeds/index.html"]));
    for (const path of pages) expect(duplicates(ids(await enhancedPage(site, path))), path).toEqual([]);
  });

  test("every same-page reference lands on the element it is for", async () => {
    for (const path of await htmlPages(site)) {
      const doc = await enhancedPage(site, path);
      for (const { from, id, kind } of idReferences(doc)) {
        const target = doc.getElementById(id);
        const where = `${path}: ${kind}="${id}" on ${from.outerHTML.slice(0, 120)}`;
        expect(target, where).not.toBeNull();
        if (kind === "href") expect(wrongTarget(from, target!), where).toBeUndefined();
        else if (kind === "for") expect(target!.matches("input, select, textarea, button"), where).toBe(true);
        else if (kind.startsWith("aria-")) expect(from.contains(target), `${where}: outside the element it names`).toBe(true);
        else expect(from.closest("svg")?.contains(target), `${where}: outside its own diagram`).toBe(true);
      }
    }
  });

  test("the table of contents lists every h2 and h3 of the post, in order, once each", async () => {
    const doc = await enhancedPage(site, "posts/first/index.html");
    const targets = [...doc.querySelectorAll("nav.toc a")].map((a) => doc.getElementById(decodeURIComponent(a.getAttribute("href")!.slice(1))));
    expect(targets).toEqual([...doc.querySelectorAll(".post-content :is(h2, h3)[id]")]);
    expect(targets.length).toBeGreaterThan(headingNames.length * 2);
  });

  test("an author's raw HTML keeps its ids, in every form, and the headings named like them step aside", async () => {
    const doc = await enhancedPage(site, "posts/raw/index.html");
    expect(raw.ids.length).toBeGreaterThan(headingNames.length / 2);
    expect(new Set(raw.ids.map(({ form }) => form))).toEqual(new Set(Object.keys(ID_FORMS)));
    for (const { value, tag, form } of raw.ids) {
      const element = doc.getElementById(value);
      expect(element?.tagName, `${form} with id "${value}"`).toBe(tag);
      expect(element!.closest(".post-content"), value).not.toBeNull();
    }
    const headings = [...doc.querySelectorAll(".post-content :is(h2, h3):not(.footnotes-title)")];
    expect(headings.map((heading) => heading.textContent!.trim())).toEqual(raw.headings.map(({ text }) => text));
    const taken = new Set(raw.ids.map(({ value }) => value));
    expect(headings.filter((heading) => taken.has(heading.id))).toEqual([]);
    // Each heading's "#" link and its TOC entry land on it.
    const toc = [...doc.querySelectorAll("nav.toc a")].map((a) => doc.getElementById(decodeURIComponent(a.getAttribute("href")!.slice(1))));
    expect(toc).toEqual(headings);
    for (const heading of headings) expect(doc.getElementById(decodeURIComponent(heading.nextElementSibling!.getAttribute("href")!.slice(1)))).toBe(heading);
  });

  test("each tag's links land on its page, and its page's feed link on its own entry on /subscribe/", async () => {
    const subscribe = await site.page("subscribe/index.html");
    const index = await site.page("tags/index.html");
    const tagLinks = [...index.querySelectorAll(".tag-index a")];
    expect(tagLinks.map((a) => a.textContent)).toEqual(expect.arrayContaining(tagNames.filter((name) => name !== "posts" && name !== "all")));
    for (const link of tagLinks) {
      const name = link.textContent!;
      const tagPage = await site.page(fileOf(new URL(link.getAttribute("href")!, siteData.url)));
      expect(tagPage.querySelector("h1")?.textContent, name).toBe(`Posts tagged ${name}`);
      const feed = tagPage.querySelector('head link[rel="alternate"][href^="/tags/"]')!.getAttribute("href");
      const visible = new URL(tagPage.querySelector("main a.feed-link")!.getAttribute("href")!, siteData.url);
      expect(visible.pathname, name).toBe("/subscribe/");
      const entry = subscribe.getElementById(decodeURIComponent(visible.hash.slice(1)));
      expect(entry?.matches("li.feed-entry"), `${name}: /subscribe/${visible.hash} is ${entry?.outerHTML.slice(0, 120)}`).toBe(true);
      expect(entry!.querySelector("a.feed-link")!.getAttribute("href"), name).toBe(feed);
      expect(entry!.querySelector("a.feed-link")!.firstChild?.textContent, name).toBe(name);
    }
  });

  test("every link to another page's #fragment lands on an element of that page", async () => {
    let checked = 0;
    for (const path of await htmlPages(site)) {
      const doc = await site.page(path);
      const base = new URL(`/${path.replace(/index\.html$/, "")}`, siteData.url);
      for (const link of doc.querySelectorAll("a[href*='#']")) {
        const url = new URL(link.getAttribute("href")!, base);
        if (url.origin !== base.origin || url.pathname === base.pathname) continue;
        const file = fileOf(url);
        expect(existsSync(join(site.output, file)), `${path}: ${url.pathname}`).toBe(true);
        expect((await site.page(file)).getElementById(decodeURIComponent(url.hash.slice(1))), `${path}: ${link.getAttribute("href")}`).not.toBeNull();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(tagNames.length);
  });
});

describe("ids in an author's raw HTML that cannot be unique on the page", () => {
  test("stop the real build, each reported at its post's file and line, naming the id and the fix", async () => {
    const posts: Record<string, string> = {};
    const expected: string[] = [];
    for (const seed of [3, 4]) {
      const good = distinctIds(seed, ["setup", "install", "faq", "feeds"], 2);
      const generated = generatePost(seed, [...good, ...distinctIds(seed, SITE_IDS, 3), ...good]);
      const source = post(`title: Bad ${seed}\ndate: 2024-01-0${seed}`, generated.body);
      posts[`bad-${seed}.md`] = source;
      const firstBodyLine = source.slice(0, source.indexOf(generated.body)).split("\n").length;
      const seen = new Set<string>();
      for (const { value, line } of generated.ids) {
        if (seen.has(value) || SITE_IDS.includes(value)) expected.push(`./posts/bad-${seed}.md:${firstBodyLine + line} "${value}"`);
        seen.add(value);
      }
    }
    let error: unknown;
    try {
      await (await buildSite({ posts })).cleanup();
    } catch (caught) {
      error = caught;
    }
    const postErrors = (error as { postErrors?: PostError[] } | undefined)?.postErrors ?? [];
    expect(postErrors.map((each) => `${each.file}:${each.line} ${/"[^"]+"/.exec(each.problem)![0]}`).sort()).toEqual(expected.sort());
    for (const each of postErrors) expect(each.problem).toMatch(/Rename/);
  });
});
