import { rm } from "node:fs/promises";
import { join, posix } from "node:path";
import Eleventy from "@11ty/eleventy";
import { DOMParser, parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { site } from "../../src/site.ts";
import { builtSite, configPath, makeFixture, post, type BuiltSite, type FixtureOptions } from "./site.ts";

/**
 * Tests of Markdown links to a post's source file (src/source-links.ts), generated over
 * the forms an author writes: depths, `./` or not, root-relative, percent-
 * encoded and `<…>` names with spaces, fragments, queries, titles,
 * reference-style links; targets in folders (`index.md`), with their own
 * permalink, with non-ASCII names, and pages under pages/.
 */

const fixtures: string[] = [];
// A failed production build also removes its output as the process ends (src/plugins/clean-output.ts): retry while it does.
afterAll(() => Promise.all(fixtures.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 5 }))));

/** A real build of a fixture, in process; the error it fails with, if it does. */
export async function build(options: FixtureOptions): Promise<{ site?: BuiltSite; error?: unknown }> {
  const input = await makeFixture(options);
  fixtures.push(input);
  const previous = { cwd: process.cwd(), search: process.env.SEARCH_INDEX, cards: process.env.SOCIAL_CARDS };
  process.env.SEARCH_INDEX = "off";
  process.env.SOCIAL_CARDS = "off";
  process.chdir(input);
  try {
    const eleventy = new Eleventy(".", "_site", { quietMode: true, configPath, runMode: options.runMode ?? "build", ...(options.pathPrefix ? { pathPrefix: options.pathPrefix } : {}) });
    await eleventy.write();
    return { site: builtSite(input, join(input, "_site")) };
  } catch (error) {
    return { error };
  } finally {
    process.chdir(previous.cwd);
    for (const [name, value] of [["SEARCH_INDEX", previous.search], ["SOCIAL_CARDS", previous.cards]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

interface Target {
  /** Input path, from the site folder. */
  file: string;
  url: string;
  /** An id the target page has. */
  fragment: string;
}

const SECTION = "## Setup\n\nText.";
const TARGETS: Target[] = [
  { file: "posts/2024/target-post.md", url: "/posts/2024/target-post/", fragment: "#setup" },
  { file: "posts/My Post.md", url: "/posts/my-post/", fragment: "#setup" },
  { file: "posts/trip/index.md", url: "/posts/trip/", fragment: "#setup" },
  { file: "posts/custom.md", url: "/elsewhere/custom/", fragment: "#setup" },
  { file: "posts/café.md", url: "/posts/café/", fragment: "#setup" },
  { file: "pages/about.md", url: "/about/", fragment: "#who-writes-it" },
];
const TARGET_POSTS: Record<string, string> = {
  "2024/target-post.md": post("title: Target\ndate: 2024-01-01", SECTION),
  "My Post.md": post("title: My post\ndate: 2024-01-02", SECTION),
  "trip/index.md": post("title: Trip\ndate: 2024-01-03", SECTION),
  "custom.md": post("title: Custom\ndate: 2024-01-04\npermalink: /elsewhere/custom/", SECTION),
  "café.md": post("title: Café\ndate: 2024-01-05", SECTION),
};
const LINKERS = ["posts/linker.md", "posts/2025/deep/linker.md", "posts/files/index.md"];

interface GeneratedLink {
  text: string;
  /** The Markdown line(s) of the link, and a reference definition for reference-style links. */
  markdown: string;
  definition?: string;
  /** The expected href, a site path without the path prefix (or as written, for links left alone). */
  expected: string;
  /** Whether the expected href is a site path that gets the path prefix. */
  prefixed: boolean;
}

/** The ways an author writes the path from `from` to `to`, both input paths. */
function pathForms(from: string, to: string): string[] {
  const relative = posix.relative(posix.dirname(from), to);
  const forms = [relative.startsWith("../") ? relative : `./${relative}`, `/${to}`, relative.split("/").map(encodeURIComponent).join("/")];
  if (!relative.startsWith("../")) forms.push(relative);
  // A destination with a space is a link only inside `<…>` (CommonMark, link destination).
  return [...new Set(forms.map((form) => (/\s/.test(form) ? `<${form}>` : form)))];
}

function generateLinks(linker: string): GeneratedLink[] {
  const links: GeneratedLink[] = [];
  let n = 0;
  for (const target of TARGETS) {
    for (const path of pathForms(linker, target.file)) {
      for (const suffix of ["", target.fragment, "?ref=feed", `?ref=feed${target.fragment}`]) {
        n++;
        const text = `L${n}`;
        const destination = path.startsWith("<") ? `<${path.slice(1, -1)}${suffix}>` : `${path}${suffix}`;
        const title = n % 3 === 0 ? ' "A title"' : "";
        const expected = encodeURI(target.url) + suffix;
        if (n % 2 === 0) links.push({ text, markdown: `[${text}][ref-${n}]`, definition: `[ref-${n}]: ${destination}${title}`, expected, prefixed: true });
        else links.push({ text, markdown: `[${text}](${destination}${title})`, expected, prefixed: true });
      }
    }
  }
  // Not source files: web addresses (autolinks, bare URLs, links), other files, site paths.
  links.push({ text: "W1", markdown: "[W1](https://example.com/notes.md)", expected: "https://example.com/notes.md", prefixed: false });
  links.push({ text: "https://example.com/auto.md", markdown: "<https://example.com/auto.md>", expected: "https://example.com/auto.md", prefixed: false });
  links.push({ text: "https://example.com/bare.md", markdown: "See https://example.com/bare.md too.", expected: "https://example.com/bare.md", prefixed: false });
  links.push({ text: "W2", markdown: "[W2](/favicon.svg)", expected: "/favicon.svg", prefixed: true });
  if (linker === "posts/files/index.md") links.push({ text: "W3", markdown: "[W3](./guide.pdf#page=2)", expected: "./guide.pdf#page=2", prefixed: false });
  return links;
}

/** A post body holding the links in the block contexts an author uses: paragraphs of several lines, lists, quotes, tables. */
function body(links: readonly GeneratedLink[]): string {
  const blocks: string[] = [];
  links.forEach((link, i) => {
    const context = i % 5;
    if (context === 0) blocks.push(`Before ${link.markdown} after.`);
    else if (context === 1) blocks.push(`First line,\nthen ${link.markdown}`);
    else if (context === 2) blocks.push(`- item\n- ${link.markdown}`);
    else if (context === 3) blocks.push(`> quoted ${link.markdown}`);
    else blocks.push(`| a | b |\n| - | - |\n| x | ${link.markdown} |`);
  });
  const definitions = links.flatMap((link) => (link.definition ? [link.definition] : []));
  return `${blocks.join("\n\n")}\n\n${definitions.join("\n")}`;
}

const GENERATED = Object.fromEntries(LINKERS.map((linker) => [linker, generateLinks(linker)]));
const LINKER_URL: Record<string, string> = { "posts/linker.md": "/posts/linker/", "posts/2025/deep/linker.md": "/posts/2025/deep/linker/", "posts/files/index.md": "/posts/files/" };

function fixture(pathPrefix?: string): FixtureOptions {
  const linkerPosts = Object.fromEntries(LINKERS.map((linker, i) => [linker.slice("posts/".length), post(`title: Linker ${i}\ndate: 2024-02-0${i + 1}`, body(GENERATED[linker]!))]));
  return { posts: { ...TARGET_POSTS, ...linkerPosts }, files: { "posts/files/guide.pdf": "%PDF-1.4\n" }, ...(pathPrefix ? { pathPrefix } : {}) };
}

/** Each generated link's href in a piece of HTML, by the link's text. */
function hrefsByText(html: string): Map<string, string> {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return new Map([...document.querySelectorAll("a[href]")].map((a) => [a.textContent ?? "", a.getAttribute("href") ?? ""]));
}

function expectedHref(link: GeneratedLink, prefix: string): string {
  return link.prefixed ? prefix + link.expected.slice(1) : link.expected;
}

/**
 * The resolution tests for one path prefix. One build per test file: Eleventy
 * keeps the first build's path prefix for the layout's `url` filter within a
 * process, so each prefix has its own file (vitest runs each in its own fork).
 */
export function describeSourceLinks(prefix: string): void {
  describe(`links to source files resolve to the post's URL (path prefix ${prefix})`, () => {
    let built: BuiltSite;
    beforeAll(async () => {
      const result = await build(fixture(prefix === "/" ? undefined : prefix));
      if (!result.site) throw result.error;
      built = result.site;
    });

    test.each(LINKERS)("in the page built from %s", async (linker) => {
      const document = await built.page(posix.join(LINKER_URL[linker]!.slice(1), "index.html"));
      const hrefs = hrefsByText(document.querySelector("main")!.innerHTML);
      for (const link of GENERATED[linker]!) expect(hrefs.get(link.text), link.markdown).toBe(expectedHref(link, prefix));
    });

    /** The absolute URL a feed must carry for a generated link. */
    const absolute = (link: GeneratedLink, linker: string) => new URL(link.prefixed ? expectedHref(link, prefix) : link.expected, `${site.url.replace(/\/$/, "")}${prefix}${LINKER_URL[linker]!.slice(1)}`).href;

    test.each(LINKERS)("in the RSS, Atom and JSON feeds, as absolute URLs, for %s", async (linker) => {
      const entryUrl = new URL(prefix + LINKER_URL[linker]!.slice(1), site.url).href;
      const rss = new DOMParser().parseFromString(await built.read("feed.xml"), "text/xml");
      const rssItem = [...rss.querySelectorAll("item")].find((item) => item.querySelector("link")?.textContent === entryUrl);
      const atom = new DOMParser().parseFromString(await built.read("atom.xml"), "text/xml");
      const atomEntry = [...atom.querySelectorAll("entry")].find((entry) => entry.querySelector("link")?.getAttribute("href") === entryUrl);
      const json = JSON.parse(await built.read("feed.json")) as { items: Array<{ url: string; content_html: string }> };
      const contents = {
        rss: rssItem?.querySelector("description")?.textContent,
        atom: atomEntry?.querySelector("content")?.textContent,
        json: json.items.find((item) => item.url === entryUrl)?.content_html,
      };
      for (const [feed, html] of Object.entries(contents)) {
        expect(html, `${feed} has an entry for ${entryUrl}`).toBeTruthy();
        const hrefs = hrefsByText(html!);
        for (const link of GENERATED[linker]!) expect(hrefs.get(link.text), `${feed}: ${link.markdown}`).toBe(absolute(link, linker));
      }
    });
  });
}
