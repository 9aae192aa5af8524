import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Ajv, type ErrorObject } from "ajv";
import ajvFormats from "ajv-formats";
import { DOMParser, parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sharedKitchenSinkSite } from "../helpers/shared-site.ts";
import { buildSite, post, projectRoot, type BuiltSite } from "../helpers/site.ts";

/**
 * The feeds and the sitemap checked against the schemas their specifications
 * publish, with the reference tools (installed by scripts/ensure-test-tools.sh):
 *
 * - Atom: RFC 4287 Appendix B's RELAX NG grammar (tests/schemas/atom.rnc), Debian's `jing -c`.
 * - JSON Feed 1.1: the jsonfeed-schema package's JSON Schema, with ajv.
 * - sitemap.xml: sitemaps.org's 0.9 XSD (tests/schemas/sitemap.xsd), `xmllint --schema`.
 * - RSS 2.0 has no official schema: every RSS feed must be well-formed XML
 *   (`xmllint --noout`) and parse in Python's feedparser without its `bozo` flag.
 *
 * Each build is validated once, in beforeAll, with a few batched processes;
 * the tests only read the reports. Broken copies of the real site's files
 * must fail, so a validator that silently checks nothing cannot pass.
 */

const execFileAsync = promisify(execFile);
const ATOM_GRAMMAR = join(projectRoot, "tests/schemas/atom.rnc");
const SITEMAP_XSD = join(projectRoot, "tests/schemas/sitemap.xsd");
const JSON_FEED_SCHEMA = join(projectRoot, "node_modules/jsonfeed-schema/schema-v1.1.json");
/** Debian's python3-feedparser installs for /usr/bin/python3; a pyenv or venv python3 earlier on PATH would not see it. */
const PYTHON = process.env.PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");

/** Problems per file, by path under the output folder; a valid file has none. */
type Report = Record<string, string[]>;

interface ToolRun {
  exitCode: number;
  /** stdout and stderr: jing reports on stdout, xmllint on stderr. */
  output: string;
}

/** Runs a validator; a non-zero exit is a verdict to read, not an error, but a missing tool is. */
async function runTool(command: string, args: string[]): Promise<ToolRun> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { exitCode: 0, output: `${stdout}\n${stderr}` };
  } catch (error) {
    const failed = error as { code?: unknown; message: string; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") {
      throw new Error(`Could not run ${command}; \`npm test\` installs it (scripts/ensure-test-tools.sh): ${failed.message}`);
    }
    return { exitCode: failed.code, output: `${failed.stdout ?? ""}\n${failed.stderr ?? ""}` };
  }
}

/**
 * jing and xmllint prefix each message with the file's path ("path:line:col: error: …");
 * xmllint --schema also ends a failed file with "path fails to validate".
 */
function messagesPerFile(run: ToolRun, files: Record<string, string>, command: string): Report {
  const lines = run.output.split("\n");
  const report: Report = {};
  for (const [name, path] of Object.entries(files)) {
    // Named by path under the output folder, not the temporary folder's absolute path.
    report[name] = lines.filter((line) => line.startsWith(`${path}:`) || line === `${path} fails to validate`).map((line) => `${name}${line.slice(path.length)}`);
  }
  // A failure no file accounts for (a schema that does not compile, a crash) must not read as "all valid".
  if (run.exitCode !== 0 && Object.values(report).every((messages) => messages.length === 0)) {
    throw new Error(`${command} exited with ${run.exitCode} without naming a file:\n${run.output}`);
  }
  return report;
}

/** Several Atom documents against RFC 4287's grammar in one JVM. */
async function validateAtom(files: Record<string, string>): Promise<Report> {
  return messagesPerFile(await runTool("jing", ["-c", ATOM_GRAMMAR, ...Object.values(files)]), files, "jing");
}

/** Several sitemaps against the sitemaps.org XSD in one xmllint. */
async function validateSitemaps(files: Record<string, string>): Promise<Report> {
  return messagesPerFile(await runTool("xmllint", ["--noout", "--schema", SITEMAP_XSD, ...Object.values(files)]), files, "xmllint --schema");
}

/** Well-formedness (XML 1.0 and Namespaces), several files in one xmllint. */
async function checkWellFormed(files: Record<string, string>): Promise<Report> {
  return messagesPerFile(await runTool("xmllint", ["--noout", ...Object.values(files)]), files, "xmllint");
}

/** What feedparser makes of one file (https://feedparser.readthedocs.io/en/latest/bozo.html). */
interface FeedparserResult {
  bozo: boolean;
  bozoException: string | null;
  version: string;
  titles: string[];
}

const FEEDPARSER_SCRIPT = `
import feedparser, json, sys
results = {}
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        d = feedparser.parse(f.read())
    error = d.get("bozo_exception")
    results[path] = {"bozo": bool(d.bozo), "bozoException": str(error) if error else None,
                     "version": d.version, "titles": [e.get("title", "") for e in d.entries]}
print(json.dumps(results))
`;

/** Every RSS feed through feedparser in one Python process. */
async function parseWithFeedparser(files: Record<string, string>): Promise<Record<string, FeedparserResult>> {
  const run = await runTool(PYTHON, ["-c", FEEDPARSER_SCRIPT, ...Object.values(files)]);
  if (run.exitCode !== 0) throw new Error(`feedparser (${PYTHON}) failed; Debian: apt-get install -y python3-feedparser\n${run.output}`);
  const byPath = JSON.parse(run.output) as Record<string, FeedparserResult>;
  return Object.fromEntries(Object.entries(files).map(([name, path]) => [name, byPath[path]!]));
}

/** The bozo flag and its reason, or nothing for a clean parse as RSS 2.0. */
function feedparserProblems(result: FeedparserResult): string[] {
  const problems = result.bozo ? [`bozo: ${result.bozoException}`] : [];
  return result.version === "rss20" ? problems : [...problems, `parsed as ${JSON.stringify(result.version)}, not rss20`];
}

/** JSON Feed 1.1's JSON Schema, compiled once; it uses the "uri" and "date-time" formats. */
async function jsonFeedValidator(): Promise<(feed: unknown) => string[]> {
  const ajv = new Ajv({ allErrors: true });
  // ajv-formats is CommonJS; under NodeNext its default import is module.exports, whose `default` is the plugin.
  ajvFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(await readFile(JSON_FEED_SCHEMA, "utf8")) as object);
  const describe = (error: ErrorObject) => `${error.instancePath || "/"} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
  return (feed) => (validate(feed) ? [] : (validate.errors ?? []).map(describe));
}

/** Only the files with problems: `toEqual({})` then names each failing file and why. */
function problemsOnly(report: Report): Report {
  return Object.fromEntries(Object.entries(report).filter(([, messages]) => messages.length > 0));
}

function parseXml(text: string): Document {
  return new DOMParser().parseFromString(text, "text/xml") as unknown as Document;
}

/** Every feed and sitemap a build wrote, by path under the output folder. */
interface SiteFiles {
  atom: string;
  json: string;
  sitemap: string;
  rss: string[];
}

async function feedFiles(site: BuiltSite): Promise<SiteFiles> {
  const rss = (await site.files()).filter((file) => file === "feed.xml" || (file.startsWith("tags/") && file.endsWith("/feed.xml")));
  return { atom: "atom.xml", json: "feed.json", sitemap: "sitemap.xml", rss };
}

interface ValidityReports {
  files: SiteFiles;
  atom: Report;
  json: Report;
  sitemap: Report;
  rssWellFormed: Report;
  feedparser: Record<string, FeedparserResult>;
}

/** Extra documents, by name, validated in the same processes as the site's own (the broken copies). */
interface ExtraDocuments {
  atom?: Record<string, string>;
  sitemap?: Record<string, string>;
  rss?: Record<string, string>;
}

/** Folders of extra documents, removed when the file is done. */
const extraFolders: string[] = [];
afterAll(() => Promise.all(extraFolders.map((folder) => rm(folder, { recursive: true, force: true }))));

/** Runs every validator over one build, in parallel, one process per tool. */
async function validateSite(site: BuiltSite, extra: ExtraDocuments = {}): Promise<ValidityReports> {
  const files = await feedFiles(site);
  const inOutput = (names: string[]) => Object.fromEntries(names.map((name) => [name, join(site.output, name)]));
  const extraFiles = await writeExtraDocuments(extra);
  const rssFiles = { ...inOutput(files.rss), ...extraFiles.rss };
  const validateJsonFeed = await jsonFeedValidator();
  const [atom, sitemap, rssWellFormed, feedparser] = await Promise.all([
    validateAtom({ ...inOutput([files.atom]), ...extraFiles.atom }),
    validateSitemaps({ ...inOutput([files.sitemap]), ...extraFiles.sitemap }),
    checkWellFormed(rssFiles),
    parseWithFeedparser(rssFiles),
  ]);
  const json = { [files.json]: validateJsonFeed(JSON.parse(await site.read(files.json))) };
  return { files, atom, json, sitemap, rssWellFormed, feedparser };
}

/** Writes the extra documents into a folder of their own (the build may be shared: tests/helpers/shared-site.ts), returning their paths by name. */
async function writeExtraDocuments(extra: ExtraDocuments): Promise<Record<keyof ExtraDocuments, Record<string, string>>> {
  const folder = await mkdtemp(join(tmpdir(), "blog-validity-extra-"));
  extraFolders.push(folder);
  const write = async (documents: Record<string, string> = {}) => {
    const paths: Record<string, string> = {};
    for (const [name, text] of Object.entries(documents)) {
      paths[name] = join(folder, name);
      await writeFile(paths[name], text);
    }
    return paths;
  };
  return { atom: await write(extra.atom), sitemap: await write(extra.sitemap), rss: await write(extra.rss) };
}

/** The Atom feed without its required feed-level <id> (RFC 4287 §4.1.1): still well-formed, no longer valid. */
function atomWithoutId(atom: string): string {
  const doc = parseXml(atom);
  doc.querySelector("feed > id")!.remove();
  return doc.toString();
}

/** The sitemap with a lastmod that is neither an xsd:date nor an xsd:dateTime. */
function sitemapWithBadLastmod(sitemap: string): string {
  const doc = parseXml(sitemap);
  doc.querySelector("url > lastmod")!.textContent = "last Tuesday";
  return doc.toString();
}

/** The first half of a feed: not well-formed. */
function truncated(xml: string): string {
  return xml.slice(0, Math.floor(xml.length / 2));
}

/**
 * Code points XML 1.0 does not allow in a document at all, not even as
 * character references (https://www.w3.org/TR/xml/#charsets):
 * Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
 */
function isXmlChar(codePoint: number): boolean {
  return codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd
    || (codePoint >= 0x20 && codePoint <= 0xd7ff)
    || (codePoint >= 0xe000 && codePoint <= 0xfffd)
    || (codePoint >= 0x10000 && codePoint <= 0x10ffff);
}

/** The forbidden code points in a text, as "U+0008", each once. */
function forbiddenXmlChars(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (!isXmlChar(codePoint)) found.add(`U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  return [...found];
}

/** Every string in a parsed JSON value (JSON escapes control characters, so check the decoded strings). */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The four checks every build must pass; `reports` is read when the tests run, after beforeAll. */
function describeSchemaValidity(reports: () => ValidityReports): void {
  test("the Atom feed is valid against RFC 4287's RELAX NG grammar (jing)", () => {
    const { files, atom } = reports();
    expect(atom).toHaveProperty([files.atom]);
    expect(problemsOnly({ [files.atom]: atom[files.atom]! })).toEqual({});
  });

  test("the JSON Feed is valid against the JSON Feed 1.1 schema (ajv)", () => {
    expect(problemsOnly(reports().json)).toEqual({});
  });

  test("sitemap.xml is valid against the sitemaps.org 0.9 XSD (xmllint)", () => {
    const { files, sitemap } = reports();
    expect(problemsOnly({ [files.sitemap]: sitemap[files.sitemap]! })).toEqual({});
  });

  test("every RSS feed, site-wide and per tag, is well-formed (xmllint) and clean in feedparser (no bozo)", () => {
    const { files, rssWellFormed, feedparser } = reports();
    expect(files.rss).toContain("feed.xml");
    // One report for both tools, so a failure shows what each of them says about each feed.
    const problems = Object.fromEntries(files.rss.map((file) => [file, [...rssWellFormed[file]!, ...feedparserProblems(feedparser[file]!).map((problem) => `feedparser: ${problem}`)]]));
    expect(problemsOnly(problems)).toEqual({});
  });
}

describe("the real site's feeds and sitemap are valid against their specifications' schemas, with the kitchen-sink post", () => {
  let site: BuiltSite;
  let reports: ValidityReports;
  beforeAll(async () => {
    // The real posts and the kitchen-sink post: code blocks, callouts, footnotes, math, diagrams, tables.
    site = await sharedKitchenSinkSite();
    reports = await validateSite(site, {
      atom: { "atom-without-id.xml": atomWithoutId(await site.read("atom.xml")) },
      sitemap: { "sitemap-bad-lastmod.xml": sitemapWithBadLastmod(await site.read("sitemap.xml")) },
      rss: { "feed-truncated.xml": truncated(await site.read("feed.xml")) },
    });
  });

  describeSchemaValidity(() => reports);

  test("feed content, parsed, carries no style attribute and no style element: feed readers get plain, valid HTML", async () => {
    const contents = [
      ...[...new DOMParser().parseFromString(await site.read("feed.xml"), "text/xml").querySelectorAll("item > description")].map((node) => node.textContent ?? ""),
      ...[...new DOMParser().parseFromString(await site.read("atom.xml"), "text/xml").querySelectorAll("entry > content")].map((node) => node.textContent ?? ""),
      ...(JSON.parse(await site.read("feed.json")) as { items: Array<{ content_html: string }> }).items.map((item) => item.content_html),
    ];
    const sink = contents.filter((html) => html.includes("class=\"callout"));
    expect(sink).toHaveLength(3);
    for (const html of contents) {
      const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
      expect(document.querySelectorAll("[style], style, script").length).toBe(0);
    }
    const { document } = parseHTML(`<!doctype html><html><body>${sink[0]}</body></html>`);
    for (const selector of ["math", "figure.diagram svg", ".footnotes li", "table", ".callout"]) expect(document.querySelector(selector), selector).not.toBeNull();
  });

  test("every tag has its RSS feed checked", async () => {
    const index = await site.page("tags/index.html");
    const tagFeeds = [...index.querySelectorAll(".tag-index a")].map((a) => `${decodeURIComponent(a.getAttribute("href")!).slice(1)}feed.xml`);
    expect(tagFeeds.length).toBeGreaterThan(0);
    expect([...reports.files.rss].sort()).toEqual(["feed.xml", ...tagFeeds].sort());
  });

  describe("the validators reject broken copies, so they cannot pass vacuously", () => {
    test("jing: an Atom feed without its <id>", () => {
      expect(reports.atom["atom-without-id.xml"]!.join("\n")).toContain('missing required element "id"');
    });

    test("ajv: a JSON Feed item without its id, and a version that is not a URL", async () => {
      const feed = JSON.parse(await site.read("feed.json")) as { version: string; items: Array<Record<string, unknown>> };
      delete feed.items[0]!.id;
      feed.version = "1.1";
      const errors = (await jsonFeedValidator())(feed);
      expect(errors).toEqual(expect.arrayContaining([expect.stringContaining("/items/0 must have required property 'id'"), expect.stringMatching(/^\/version /)]));
    });

    test("xmllint --schema: a sitemap lastmod that is not a date", () => {
      const messages = reports.sitemap["sitemap-bad-lastmod.xml"]!;
      expect(messages.join("\n")).toContain("lastmod");
      expect(messages.at(-1)).toMatch(/fails to validate$/);
    });

    test("xmllint and feedparser: an RSS feed cut in half", () => {
      expect(reports.rssWellFormed["feed-truncated.xml"]!.length).toBeGreaterThan(0);
      expect(reports.feedparser["feed-truncated.xml"]!.bozo).toBe(true);
    });
  });
});

/** A title with every character class that breaks naive XML or HTML output. */
const MARKUP_TITLE = `<script>alert(1)</script> ]]> &amp; & "double" 'single'`;
const MARKUP_DESCRIPTION = `A CDATA end ]]>, an entity &amp;, a bare & and <b>markup</b>, in "quotes" and 'quotes'.`;
const WORLD_TITLE = "שלום עולם · مرحبا بالعالم · 日本語のテスト · 🎉👩🏽‍💻";
/**
 * YAML double-quoted escapes for the code points XML 1.0 forbids
 * (backspace, form feed, ESC, NUL, the noncharacter U+FFFE): the YAML file
 * itself must stay printable (https://yaml.org/spec/1.2.2/#51-character-set).
 */
const CONTROL_TITLE_YAML = String.raw`"Backspace\b form feed\f escape\e nul\0 nonchar\uFFFE end"`;
const CONTROL_BODY = "Backspace\u0008 form feed\u000C escape\u001B nul\u0000 nonchar\uFFFE end.";

function hostilePosts(): Record<string, string> {
  return {
    "markup.md": post(
      [
        `title: ${JSON.stringify(MARKUP_TITLE)}`,
        `description: ${JSON.stringify(MARKUP_DESCRIPTION)}`,
        "date: 2024-05-01",
        `tags: ["<script>alert(1)</script>", "R&D", ${JSON.stringify(`Tom's "quotes"`)}, "CDATA ]]> end"]`,
      ].join("\n"),
      [
        "<script>alert(1)</script>",
        `Text with ]]> and &amp; and a bare & and "double" and 'single' quotes, <b>inline markup</b> and a [link](https://example.com/?a=1&b=2).`,
      ].join("\n\n"),
    ),
    "world.md": post(
      [
        `title: ${JSON.stringify(WORLD_TITLE)}`,
        `description: "RTL \u200Fעברית\u200F and العربية, CJK 中文 한국어, emoji 🦄 👨‍👩‍👧"`,
        "date: 2024-05-02",
        `tags: ["עברית", "日本語", "🎉 emoji"]`,
      ].join("\n"),
      ["עברית: שלום עולם, זה טקסט מימין לשמאל.", "العربية: مرحبا بالعالم.", "中文、日本語、한국어.", "Emoji: 🎉 🦄 👩🏽‍💻 🇯🇵."].join("\n\n"),
    ),
    "code.md": post(
      `title: "Code with <b> & ]]>"\ndate: 2024-05-03\ntags: [html]`,
      [
        "A fenced sample:",
        "```html\n<p>Say <b>hello</b> &amp; ]]> goodbye</p>\n```",
        "An indented sample:",
        "    <b>bold</b> & ]]> <script>alert(1)</script>",
      ].join("\n\n"),
    ),
    "control.md": post(`title: ${CONTROL_TITLE_YAML}\ndate: 2024-05-04\ntags: [control]`, CONTROL_BODY),
    // Pasted raw into the YAML, which would refuse them ("non-printable characters"): read without them.
    "raw-control.md": post("title: Raw\u000C form feed\u001B and ESC\ndate: 2024-05-03\ntags: [control]", "Pasted\u001B[0m from a terminal."),
  };
}

describe("feeds of posts full of text that stresses XML and HTML stay valid", () => {
  let site: BuiltSite;
  let reports: ValidityReports;
  beforeAll(async () => {
    site = await buildSite({ posts: hostilePosts() });
    reports = await validateSite(site);
  });
  afterAll(() => site?.cleanup());

  describeSchemaValidity(() => reports);

  test("every tag of the fixture has its own RSS feed, checked", () => {
    expect([...reports.files.rss].sort()).toEqual([
      "feed.xml",
      "tags/cdata-end/feed.xml",
      "tags/control/feed.xml",
      "tags/emoji/feed.xml",
      "tags/html/feed.xml",
      "tags/r-and-d/feed.xml",
      "tags/script-alert-1-script/feed.xml",
      "tags/tom-s-quotes/feed.xml",
      "tags/עברית/feed.xml",
      "tags/日本語/feed.xml",
    ].sort());
  });

  test("titles with markup, entities, quotes, RTL, CJK and emoji read back exactly in feedparser", () => {
    for (const feed of ["feed.xml", "tags/script-alert-1-script/feed.xml", "tags/日本語/feed.xml"]) {
      expect(reports.feedparser[feed]!.titles, feed).toEqual(expect.arrayContaining(feed === "tags/日本語/feed.xml" ? [WORLD_TITLE] : [MARKUP_TITLE]));
    }
  });

  test("code samples stay code: <b> in a fence and in indented code is text, not markup", async () => {
    const json = JSON.parse(await site.read("feed.json")) as { items: Array<{ title: string; content_html: string }> };
    const code = json.items.find((item) => item.title === "Code with <b> & ]]>")!;
    const content = parseHTML(`<!doctype html><body>${code.content_html}</body>`).document;
    const blocks = [...content.querySelectorAll("pre")];
    expect(blocks.map((pre) => pre.textContent!.trim())).toEqual([
      "<p>Say <b>hello</b> &amp; ]]> goodbye</p>",
      "<b>bold</b> & ]]> <script>alert(1)</script>",
    ]);
    expect(content.querySelectorAll("pre b, pre script")).toHaveLength(0);
  });

  // src/control-characters.ts removes them from every page and feed, and from front matter before YAML reads it.
  test("no code point XML 1.0 forbids reaches any feed or the sitemap, from a title or a body", async () => {
    const raw = await site.page("posts/raw-control/index.html");
    expect(raw.querySelector("h1")?.textContent).toBe("Raw form feed and ESC");
    const xmlFiles = [reports.files.atom, reports.files.sitemap, ...reports.files.rss];
    const found: Report = {};
    for (const file of xmlFiles) found[file] = forbiddenXmlChars(await site.read(file));
    found[reports.files.json] = forbiddenXmlChars(stringsIn(JSON.parse(await site.read(reports.files.json))).join("\n"));
    expect(problemsOnly(found)).toEqual({});
  });
});
