import { gzipSync } from "node:zlib";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sharedKitchenSinkSite } from "../helpers/shared-site.ts";
import { buildSite, post, type BuiltSite } from "../helpers/site.ts";

const KB = 1024;
/** HTML of one page plus the stylesheets it links, each gzipped as it is sent. */
const PAGE_BUDGET = 30 * KB;
/** Every script any page outside /search/ loads, gzipped. Search may load Pagefind on top. */
const SCRIPT_BUDGET = 2 * KB;

/** Elements and attributes that make the browser fetch something while showing the page. */
const fetchedBy: Array<[selector: string, attribute: string]> = [
  ["script[src]", "src"],
  ["link[href]:not([rel~=alternate]):not([rel~=canonical]):not([rel~=author]):not([rel~=me]):not([rel~=license]):not([rel~=next]):not([rel~=prev]):not([rel~=search])", "href"],
  ["img[src]", "src"],
  ["img[srcset]", "srcset"],
  ["source[src]", "src"],
  ["source[srcset]", "srcset"],
  ["iframe[src]", "src"],
  ["video[src]", "src"],
  ["video[poster]", "poster"],
  ["audio[src]", "src"],
  ["track[src]", "src"],
  ["embed[src]", "src"],
  ["object[data]", "data"],
  ["input[type=image][src]", "src"],
];

/** Every URL an element's attribute names (a srcset lists several, each before its descriptor). */
function urlsIn(attribute: string, value: string): string[] {
  if (attribute !== "srcset") return [value];
  return value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0] ?? "").filter(Boolean);
}

/** Site-relative path of a local URL as seen from a page, or undefined for other origins. */
function localFile(page: string, url: string): string | undefined {
  const pageUrl = new URL("/" + page.replace(/index\.html$/, ""), "https://site.invalid");
  const resolved = new URL(url, pageUrl);
  if (resolved.origin !== pageUrl.origin) return undefined;
  return decodeURIComponent(resolved.pathname).replace(/^\//, "");
}

/** Everything a built page would fetch from another origin, as `page: <tag attr="url">`. */
async function foreignRequests(site: BuiltSite): Promise<string[]> {
  const foreign: string[] = [];
  for (const page of (await site.files()).filter((file) => file.endsWith(".html"))) {
    const doc = await site.page(page);
    for (const [selector, attribute] of fetchedBy) {
      for (const element of doc.querySelectorAll(selector)) {
        for (const url of urlsIn(attribute, element.getAttribute(attribute)!)) {
          if (localFile(page, url) === undefined) foreign.push(`${page}: <${element.tagName.toLowerCase()} ${attribute}="${url}">`);
        }
      }
    }
  }
  return foreign;
}

const gzipped = async (file: string) => gzipSync(await readFile(file)).length;

describe("weight budget and no third-party requests, on the real site and the kitchen-sink post", () => {
  let site: BuiltSite;
  let pages: string[];
  beforeAll(async () => {
    // The kitchen-sink post (every writing feature, inline SVG diagrams and MathML) is held to the same budget.
    site = await sharedKitchenSinkSite();
    pages = (await site.files()).filter((file) => file.endsWith(".html"));
  });

  test("home and every post page: at most 30 KB of HTML + CSS after gzip", async () => {
    const measured = pages.filter((page) => page === "index.html" || page.startsWith("posts/"));
    expect(measured).toContain("posts/kitchen-sink/index.html");
    for (const page of measured) {
      const doc = await site.page(page);
      const stylesheets = [...doc.querySelectorAll('link[rel~="stylesheet"][href]')].map((link) => localFile(page, link.getAttribute("href")!)!);
      expect(stylesheets.length, `${page} links a stylesheet`).toBeGreaterThan(0);
      let total = await gzipped(join(site.output, page));
      for (const stylesheet of stylesheets) total += await gzipped(join(site.output, stylesheet));
      expect(total, `${page}: ${(total / KB).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(PAGE_BUDGET);
    }
  });

  test("at most 2 KB of JavaScript after gzip for all scripts outside /search/", async () => {
    const scripts = new Set<string>();
    for (const page of pages.filter((page) => !page.startsWith("search/"))) {
      const doc = await site.page(page);
      for (const element of doc.querySelectorAll('script[src], link[rel~="modulepreload"][href]')) {
        const file = localFile(page, element.getAttribute("src") ?? element.getAttribute("href")!);
        if (file) scripts.add(file);
      }
    }
    let total = 0;
    for (const script of scripts) total += await gzipped(join(site.output, script));
    expect(total, `${[...scripts].join(", ") || "no scripts"}: ${total} bytes gzipped`).toBeLessThanOrEqual(SCRIPT_BUDGET);
  });

  test("no page loads anything from another origin (links to other sites are fine)", async () => {
    expect(await foreignRequests(site)).toEqual([]);
  });

  test("no page has inline scripts, inline styles or event-handler attributes: the CSP would block them", async () => {
    const inline: string[] = [];
    // JSON data blocks (JSON-LD) are never executed, so the CSP lets them be.
    const executable = 'script:not([src]):not([type="application/ld+json"]):not([type="application/json"])';
    for (const page of pages) {
      const doc = await site.page(page);
      for (const element of doc.querySelectorAll(`${executable}, style, [style]`)) inline.push(`${page}: <${element.tagName.toLowerCase()}>`);
      for (const element of doc.querySelectorAll("*")) {
        for (const name of element.getAttributeNames()) if (name.startsWith("on")) inline.push(`${page}: ${name}=`);
      }
    }
    expect(inline).toEqual([]);
  });
});

describe("the third-party check", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({
      posts: {
        "remote-embeds.md": post(
          "title: Remote embeds\ndate: 2024-01-01",
          '[a link elsewhere is fine](https://example.com/)\n\n<img src="https://cdn.example.com/a.png" alt="remote">\n\n<picture><source srcset="/local.avif 1x, https://cdn.example.com/b.avif 2x"><img src="/local.png" alt="local"></picture>\n\n<script src="//cdn.example.com/c.js"></script>',
        ),
      },
    });
  });
  afterAll(() => site?.cleanup());

  test("catches remote images, srcset candidates and protocol-relative scripts, and ignores plain links", async () => {
    expect(await foreignRequests(site)).toEqual([
      'posts/remote-embeds/index.html: <script src="//cdn.example.com/c.js">',
      'posts/remote-embeds/index.html: <img src="https://cdn.example.com/a.png">',
      'posts/remote-embeds/index.html: <source srcset="https://cdn.example.com/b.avif">',
    ]);
  });
});
