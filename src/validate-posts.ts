import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import yaml, { types as yamlTypes } from "js-yaml";
import { createFrontMatterSchema, YamlTimestamp, type SchemaOptions } from "./front-matter-schema.ts";
import { removeControlCharacters } from "./control-characters.ts";
import { findUnknownKeys } from "./front-matter-keys.ts";
import { decodeAuthorText } from "./text-encoding.ts";
import { listCopiedPostFiles, classifyPostFile } from "./post-assets.ts";
import { droppedDate, findUrlCollisions, toOutputPath, toPostUrl } from "./post-urls.ts";
import { buildTags, TagSlugCollisionError } from "./tags.ts";

/** One thing wrong in one post, located precisely enough to fix without searching. */
export interface Problem {
  /** Path of the post, relative to the folder it was read from, with `/` separators. */
  file: string;
  /** 1-based line in the file: the field's line, or the line YAML stopped at. */
  line: number;
  /** The front matter key, or "front matter" when the block itself is broken. */
  field: string;
  /** The value as written, when there is one. */
  value?: unknown;
  /** What is expected, and how to fix it. */
  message: string;
}

export interface SplitSource {
  /** The YAML between the `---` lines, or undefined when the file has no front matter. */
  yaml?: string;
  /** 1-based line of the first YAML line. */
  firstLine: number;
  /** The Markdown after the front matter. */
  body: string;
  /** 1-based line of the first body line. */
  bodyLine: number;
  /** True when an opening `---` has no closing `---`. */
  unclosed: boolean;
}

/** Splits a post as gray-matter (Eleventy's front matter reader) does: a `---` first line up to the next `---` line. */
export function splitFrontMatter(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== "---") return { firstLine: 1, body: text, bodyLine: 1, unclosed: false };
  const end = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)\s*$/.test(line));
  if (end === -1) return { yaml: lines.slice(1).join("\n"), firstLine: 2, body: "", bodyLine: lines.length + 1, unclosed: true };
  return { yaml: lines.slice(1, end).join("\n"), firstLine: 2, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2, unclosed: false };
}

/**
 * Front matter YAML as Eleventy reads it (js-yaml's default schema), except
 * that an unquoted timestamp stays the text the author wrote, wrapped in a
 * YamlTimestamp, instead of becoming a Date: js-yaml's Date.UTC rolls
 * `date: 2023-13-45` over to 2024-02-14, and the schema must see the original
 * to reject it. Quoted dates stay strings, as for Eleventy, which then parses
 * them with Luxon. The CORE schema is the default schema minus timestamps,
 * merge keys and binary. https://github.com/nodeca/js-yaml#load-string---options-
 */
const FRONT_MATTER_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [
    new yaml.Type("tag:yaml.org,2002:timestamp", {
      kind: "scalar",
      resolve: (data: string | null) => data !== null && yamlTypes.timestamp.resolve(data),
      construct: (data: string) => new YamlTimestamp(data),
      instanceOf: YamlTimestamp,
    }),
  ],
});

/** Without the control characters the build removes (src/control-characters.ts): YAML would refuse a pasted form feed. */
function parseYaml(text: string): unknown {
  return yaml.load(removeControlCharacters(text), { schema: FRONT_MATTER_SCHEMA });
}

/**
 * `title: Tips: part 2` — a second `: ` in an unquoted value — is the most
 * common YAML slip, and js-yaml reports it as "bad indentation" or "mapping
 * values are not allowed". Returns the quoted line to suggest, if that is it.
 */
function quotedValueHint(line: string | undefined): string | undefined {
  const entry = /^(\s*[\w-]+):[ \t]+([^"'\s[{|>].*:(?:\s.*|$))$/.exec(line ?? "");
  if (!entry) return undefined;
  const value = entry[2]!.trimEnd().replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  return `${entry[1]!.trim()}: "${value}"`;
}

/** Why a YAML parse error happened and how to fix it. */
function describeYamlError(error: yaml.YAMLException, yamlText: string, line: number): string {
  const lines = yamlText.split("\n");
  const markLine = error.mark?.line ?? 0;
  if (/bad indentation of a mapping entry|mapping values are not allowed/.test(error.reason)) {
    // The mark is on the offending line, or on the next one when the value continues there.
    for (const candidate of [markLine, markLine - 1]) {
      const quoted = quotedValueHint(lines[candidate]);
      if (quoted) return `is not valid YAML: a value containing ": " must be quoted: quote the value: ${quoted}`;
    }
  }
  return `is not valid YAML (${error.reason}): check quotes and indentation on or just before line ${line}`;
}

/**
 * A post's bytes as text, or the problem when they are not UTF-8 (an older
 * editor saving Windows-1252, PowerShell saving UTF-16): Eleventy would decode
 * such bytes as U+FFFD replacement characters and publish them without a word.
 * Snippets go through the same decoder (src/text-encoding.ts).
 */
export function decodePost(file: string, bytes: Uint8Array): { source: string } | { problem: Problem } {
  const decoded = decodeAuthorText(bytes);
  if ("text" in decoded) return { source: decoded.text };
  return { problem: { file, line: decoded.problem.line, field: "encoding", message: decoded.problem.description } };
}

/** Keys nobody reads: probably typos, reported with the key meant (`drafts` → `draft`). */
function checkKeys(file: string, data: Record<string, unknown>, schemaKeys: readonly string[], lineOf: (key: string) => number): Problem[] {
  return findUnknownKeys(data, schemaKeys).map(({ key, suggestion }) => ({
    file,
    line: lineOf(key),
    field: key,
    value: data[key] instanceof YamlTimestamp ? data[key].text : data[key],
    message: suggestion
      ? `is not a front matter key: did you mean ${suggestion}? Rename it to ${suggestion}${suggestion.toLowerCase() === key.toLowerCase() ? " (keys are case-sensitive)" : ""}, or declare your own key in src/front-matter-keys.ts (CUSTOM_KEYS)`
      : "is not a front matter key this blog or Eleventy reads: remove it, or declare your own key in src/front-matter-keys.ts (CUSTOM_KEYS)",
  }));
}

/**
 * A list item indented like its key (`tags:` then `- aws` at the key's
 * indentation, or a continuation line) folds into one tag `serverless - aws`,
 * which would get its own tag page. Such a tag is reported as YAML slipped.
 */
function checkTagIndentation(file: string, data: Record<string, unknown>, lineOf: (key: string) => number): Problem[] {
  const tags = typeof data.tags === "string" ? [data.tags] : Array.isArray(data.tags) ? data.tags : [];
  return tags
    .filter((tag): tag is string => typeof tag === "string" && (/\s-\s/.test(tag) || tag.includes("\n")))
    .map((tag) => ({
      file,
      line: lineOf("tags"),
      field: "tags",
      value: tag,
      message: "holds a tag that looks like several tags run together, probably mis-indented YAML: write one tag per line, each as `  - tag` indented under tags:, or tags: [serverless, aws]",
    }));
}

/**
 * Posts whose file names give them one URL (`posts/A b.md` and `posts/a-b.md`
 * are both `/posts/a-b/`; `2023-01-10-trip.md` and `2024-02-01-trip.md` are both
 * `/posts/trip/`, as Eleventy drops the date), unless all but one set their own
 * permalink. Found with the build's own URL rule (src/post-urls.ts).
 */
export function checkUrlCollisions(files: ReadonlyArray<{ file: string; hasPermalink: boolean }>): Problem[] {
  return findUrlCollisions(files.filter((entry) => !entry.hasPermalink).map((entry) => entry.file)).flatMap(({ url, files: sharing }) =>
    sharing.map((file) => {
      const others = sharing.filter((other) => other !== file);
      const date = droppedDate(file);
      const why = date ? ` (the URL leaves out "${date}" from the file name, as Eleventy does)` : "";
      return {
        file,
        line: 1,
        field: "file name",
        message: `gives the same URL, ${url}, as ${others.map((other) => `${other}:1`).join(", ")}${why}: add a permalink to one of them (e.g. permalink: ${url.replace(/\/$/, "")}-2/ in its front matter), or rename one of the files`,
      };
    }),
  );
}

/**
 * Files beside posts that the build would copy to one output path (`My Trip/a.pdf`
 * and `my-trip/a.pdf`), or onto a post's page (`trip/index.html` beside
 * `trip/index.md`): one would silently replace the other.
 */
export function checkCopiedFileCollisions(files: readonly string[], pages: ReadonlyArray<{ file: string; output: string }>): Problem[] {
  const copied = listCopiedPostFiles(files);
  const copiedFiles = new Set(copied.map(({ file }) => file));
  const byOutput = new Map<string, string[]>();
  for (const { file, output } of [...pages, ...copied]) byOutput.set(output, [...(byOutput.get(output) ?? []), file]);
  // Two pages on one URL are checkUrlCollisions' to report.
  return [...byOutput].filter(([, list]) => list.length > 1 && list.some((file) => copiedFiles.has(file))).flatMap(([output, list]) =>
    list.map((file) => ({
      file,
      line: 1,
      field: "file name",
      message: `is published at /${output}, as ${list.filter((other) => other !== file).map((other) => `${other}:1`).join(", ")} is: rename one of the files (or give the post a permalink)`,
    })),
  );
}

function lineOfKey(yamlText: string, firstLine: number, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const index = yamlText.split("\n").findIndex((line) => new RegExp(`^["']?${escaped}["']?\\s*:`).test(line));
  return index === -1 ? undefined : firstLine + index;
}

type Schema = ReturnType<typeof createFrontMatterSchema>;

/** Every problem in one post's source text. Pure: the caller reads the file. */
export function validatePostSource(file: string, source: string, options: SchemaOptions | Schema = {}): Problem[] {
  return checkPostSource(file, source, options).problems;
}

/** A post's problems, and its tags with the line they are on, for the checks across posts. */
interface CheckedPost {
  problems: Problem[];
  tags?: { value: unknown; line: number };
}

function checkPostSource(file: string, source: string, options: SchemaOptions | Schema = {}): CheckedPost {
  const fail = (problems: Problem[]): CheckedPost => ({ problems });
  const split = splitFrontMatter(source);
  if (split.unclosed) {
    return fail([{ file, line: 1, field: "front matter", message: "has no closing --- line: end the front matter with a line containing only ---" }]);
  }
  let data: unknown = {};
  if (split.yaml !== undefined) {
    try {
      data = parseYaml(split.yaml) ?? {};
    } catch (error) {
      if (!(error instanceof yaml.YAMLException)) throw error;
      const line = split.firstLine + (error.mark?.line ?? 0);
      return fail([{ file, line, field: "front matter", message: describeYamlError(error, split.yaml, line) }]);
    }
  }
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    return fail([{ file, line: split.firstLine, field: "front matter", value: data, message: "must be key: value lines, e.g. title: \"Your title\"" }]);
  }
  const record = data as Record<string, unknown>;
  // Build the schema once per run and pass it in: zod compiles each new schema on first use.
  const schema = "safeParse" in options ? options : createFrontMatterSchema(options);
  const result = schema.safeParse(record);
  const lineOf = (key: string) => (split.yaml !== undefined ? lineOfKey(split.yaml, split.firstLine, key) : undefined) ?? 1;
  const problems: Problem[] = [...checkKeys(file, record, Object.keys(schema.shape), lineOf), ...checkTagIndentation(file, record, lineOf)];
  const tags = "tags" in record ? { tags: { value: record.tags, line: lineOf("tags") } } : {};
  if (result.success) return { problems: problems.sort((a, b) => a.line - b.line), ...tags };
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "front matter";
    const key = String(issue.path[0] ?? "");
    if (seen.has(field)) continue;
    seen.add(field);
    const line = (split.yaml !== undefined ? lineOfKey(split.yaml, split.firstLine, key) : undefined) ?? 1;
    const value = record[key] instanceof YamlTimestamp ? record[key].text : record[key];
    problems.push({ file, line, field, ...(key in record ? { value } : {}), message: issue.message });
  }
  return { problems: problems.sort((a, b) => a.line - b.line), ...tags };
}

/**
 * Two different tags that would get one URL (`node.js` and `node js`), found
 * before the build, with every post that uses either at its `tags:` line;
 * src/tags.ts still refuses them when it builds the tag pages.
 */
export function checkTagCollisions(posts: ReadonlyArray<{ file: string; tags: { value: unknown; line: number } }>): Problem[] {
  try {
    buildTags(posts.map(({ file, tags }) => ({ url: file, inputPath: file, date: new Date(0), data: { tags: tags.value } })));
    return [];
  } catch (error) {
    if (!(error instanceof TagSlugCollisionError)) throw error;
    const describe = (own: string, other: string, otherPosts: readonly string[]) =>
      `holds "${own}", which would be published at the same URL as "${other}" (${otherPosts.join(", ")}), and one tag page would overwrite the other: rename one of the tags so that they differ by more than punctuation`;
    return posts.flatMap(({ file, tags }) => [
      ...(error.firstPosts.includes(file) ? [{ file, line: tags.line, field: "tags", message: describe(error.first, error.second, error.secondPosts) }] : []),
      ...(error.secondPosts.includes(file) ? [{ file, line: tags.line, field: "tags", message: describe(error.second, error.first, error.firstPosts) }] : []),
    ]);
  }
}

async function listFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join("/"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Whether Eleventy can resolve a layout name in the layouts folder: the file
 * itself, or the name without its extension (https://www.11ty.dev/docs/layouts/).
 */
export function createLayoutLookup(layoutFiles: readonly string[]): (layout: string) => boolean {
  const names = new Set<string>();
  for (const file of layoutFiles) {
    names.add(file);
    names.add(file.replace(/\.[^./]+$/, ""));
  }
  return (layout) => names.has(layout.replace(/^\.?\//, ""));
}

export interface ValidateOptions {
  /** The site's input folder; posts are `posts/**\/*.md` under it. */
  input: string;
  /** Where layouts live (Eleventy's layouts folder, by default the includes folder). */
  layouts: string;
}

/** Posts under `posts/` in the input folder, relative paths with `/`, sorted for a stable report. */
export async function listPostFiles(input: string): Promise<string[]> {
  return onlyPosts((await listFiles(join(input, "posts"))).map((file) => `posts/${file}`));
}

/** Only Markdown files are posts (src/post-assets.ts). */
function onlyPosts(files: readonly string[]): string[] {
  return files.filter((file) => classifyPostFile(file, () => false) === "post").sort();
}

/** Reads every post and returns ALL problems of ALL posts, so one run reports everything. */
export async function validatePosts(options: ValidateOptions): Promise<Problem[]> {
  const layoutExists = createLayoutLookup(await listFiles(options.layouts));
  const schema = createFrontMatterSchema({ layoutExists });
  const allFiles = (await listFiles(join(options.input, "posts"))).map((file) => `posts/${file}`);
  const files = onlyPosts(allFiles);
  const problems: Problem[] = [];
  const urls: Array<{ file: string; hasPermalink: boolean }> = [];
  const tagged: Array<{ file: string; tags: { value: unknown; line: number } }> = [];
  // Read one after another: thousands of concurrent reads queue on libuv's small thread pool and are slower.
  for (const file of files) {
    const decoded = decodePost(file, readFileSync(join(options.input, file)));
    if ("problem" in decoded) {
      problems.push(decoded.problem);
      continue;
    }
    const checked = checkPostSource(file, decoded.source, schema);
    problems.push(...checked.problems);
    if (checked.tags) tagged.push({ file, tags: checked.tags });
    urls.push({ file, hasPermalink: /^permalink\s*:/m.test(splitFrontMatter(decoded.source).yaml ?? "") });
  }
  const pages = urls.filter((entry) => !entry.hasPermalink).map(({ file }) => ({ file, output: toOutputPath(toPostUrl(file)) }));
  return [...problems, ...checkUrlCollisions(urls), ...checkCopiedFileCollisions(allFiles, pages), ...checkTagCollisions(tagged)];
}

function describeValue(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** A readable report: one block per bad file, one line per problem. */
export function formatProblems(problems: readonly Problem[]): string {
  const byFile = new Map<string, Problem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const blocks = [...byFile].map(([file, list]) =>
    [file, ...list.map((p) => `  ${file}:${p.line}  ${p.field}${"value" in p ? `: ${describeValue(p.value)}` : ""}\n    → ${p.field} ${p.message}`)].join("\n"),
  );
  const count = byFile.size === 1 ? "1 post" : `${byFile.size} posts`;
  return `Front matter problems in ${count}:\n\n${blocks.join("\n\n")}`;
}
