import MarkdownIt from "markdown-it";

/**
 * Internal link and `#fragment` checking over built HTML.
 *
 * Runs on every build, so it must cost little next to Eleventy itself: each
 * page is scanned once by a small tag tokenizer (no DOM), collecting the
 * `href` of links and the `id` (and `<a name>`) of elements.
 */

export interface LinksAndIds {
  /** `href` values of `<a>`, `<area>` and `<link>`, entity-decoded, in document order. */
  hrefs: string[];
  /** Every `id`, plus `name` of `<a>`: the fragments a link may point at. */
  ids: Set<string>;
}

// A comment, a raw-text element (whose content is not markup), or a start tag with its attributes (quoted values may hold `>`).
const TOKEN = /<!--[\s\S]*?-->|<(script|style|textarea|title)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>|<([a-zA-Z][\w:-]*)(\s(?:[^>"']|"[^"]*"|'[^']*')*)?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const LINK_TAGS = new Set(["a", "area", "link"]);
// markdown-it's decoder knows every HTML named entity (`&eacute;`), not just the common few.
const { unescapeAll } = new MarkdownIt().utils;

function decodeEntities(text: string): string {
  return text.includes("&") ? unescapeAll(text) : text;
}

/** One pass over the markup: link targets and the ids they may point at. */
export function extractLinksAndIds(html: string): LinksAndIds {
  const hrefs: string[] = [];
  const ids = new Set<string>();
  for (const match of html.matchAll(TOKEN)) {
    const attributes = match[3];
    if (!match[2] || !attributes) continue;
    // Most tags (Prism's token spans, paragraphs) carry neither: skip them without parsing attributes.
    if (!attributes.includes("id") && !attributes.includes("href") && !attributes.includes("name")) continue;
    const tag = match[2].toLowerCase();
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const name = attribute[1]!.toLowerCase();
      const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? "";
      if (name === "id" || (name === "name" && tag === "a")) ids.add(decodeEntities(value));
      else if (name === "href" && LINK_TAGS.has(tag)) hrefs.push(decodeEntities(value.trim()));
    }
  }
  return { hrefs, ids };
}

/** A page Eleventy wrote: the `results` of the `eleventy.after` event. */
export interface BuiltPage {
  /** URL without the path prefix, as Eleventy reports it, e.g. `/posts/hello/`. */
  url: string;
  inputPath: string;
  outputPath: string;
  content: string;
}

export interface LinkProblem {
  /** URL of the page holding the link. */
  page: string;
  /** Source of that page. */
  inputPath: string;
  /** The link as written. */
  href: string;
  /** Why it is broken. */
  reason: string;
}

export interface LinkCheckOptions {
  /** Eleventy's path prefix, e.g. "/" or "/blog/": root-relative links must start with it. */
  pathPrefix: string;
  /** Whether a file (not a page) exists at this site path, e.g. "/favicon.svg" copied from public/. */
  fileExists: (sitePath: string) => boolean;
  /** Site paths written by other tools after the build (e.g. "/pagefind/"): links into them are not checked. */
  ignore?: readonly string[];
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Any origin works: it only lets the URL parser resolve relative links.
const ORIGIN = "http://link-check.invalid";

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isHtml(page: BuiltPage): boolean {
  return page.outputPath.endsWith(".html") || page.url.endsWith("/");
}

/** Every internal link in the built pages that points at no page, file or fragment. */
export function checkLinks(pages: readonly BuiltPage[], options: LinkCheckOptions): LinkProblem[] {
  const prefix = `/${options.pathPrefix.replace(/^\/+|\/+$/g, "")}/`.replace("//", "/");
  const ignore = options.ignore ?? [];
  const byPath = new Map<string, BuiltPage>();
  for (const page of pages) byPath.set(decode(page.url), page);
  const scans = new Map<BuiltPage, LinksAndIds>();
  const scan = (page: BuiltPage): LinksAndIds => {
    let result = scans.get(page);
    if (!result) scans.set(page, (result = extractLinksAndIds(page.content)));
    return result;
  };
  const fileCache = new Map<string, boolean>();
  const fileExists = (path: string): boolean => {
    let exists = fileCache.get(path);
    if (exists === undefined) fileCache.set(path, (exists = options.fileExists(path)));
    return exists;
  };
  // The page a site path (without prefix) names, following the server's index.html and trailing-slash rules.
  const findPage = (path: string): BuiltPage | undefined =>
    byPath.get(path) ?? (path.endsWith("/index.html") ? byPath.get(path.slice(0, -"index.html".length)) : byPath.get(`${path}/`));

  const problems: LinkProblem[] = [];
  for (const page of pages) {
    if (!isHtml(page)) continue;
    const { hrefs, ids } = scan(page);
    const base = ORIGIN + prefix + page.url.replace(/^\//, "");
    const report = (href: string, reason: string) => problems.push({ page: page.url, inputPath: page.inputPath, href, reason });
    for (const href of hrefs) {
      if (href === "" || SCHEME.test(href) || href.startsWith("//")) continue;
      if (href.startsWith("#")) {
        const fragment = decode(href.slice(1));
        if (fragment !== "" && fragment.toLowerCase() !== "top" && !ids.has(fragment)) report(href, `this page has no element with id="${fragment}"`);
        continue;
      }
      const url = new URL(href, base);
      const fullPath = decode(url.pathname);
      if (!fullPath.startsWith(prefix)) {
        report(href, `it is outside the site's path prefix ${prefix}`);
        continue;
      }
      const path = `/${fullPath.slice(prefix.length)}`;
      if (ignore.some((folder) => path.startsWith(folder))) continue;
      const target = findPage(path);
      if (!target) {
        if (!fileExists(path)) report(href, `no page or file is built at ${path}`);
        continue;
      }
      const fragment = decode(url.hash.slice(1));
      if (fragment === "" || fragment.toLowerCase() === "top" || !isHtml(target)) continue;
      if (!scan(target).ids.has(fragment)) report(href, `${target.url} has no element with id="${fragment}"`);
    }
  }
  return problems;
}

/** A readable report, one line per broken link, grouped by page. */
export function formatLinkProblems(problems: readonly LinkProblem[]): string {
  const byPage = new Map<string, LinkProblem[]>();
  for (const problem of problems) byPage.set(problem.page, [...(byPage.get(problem.page) ?? []), problem]);
  const blocks = [...byPage].map(([page, list]) => [`${page} (${list[0]!.inputPath})`, ...list.map((p) => `  links to ${p.href}: ${p.reason}`)].join("\n"));
  const count = problems.length === 1 ? "1 broken internal link" : `${problems.length} broken internal links`;
  return `${count}:\n\n${blocks.join("\n\n")}`;
}
