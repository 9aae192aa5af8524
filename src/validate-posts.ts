import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import yaml, { types as yamlTypes } from "js-yaml";
import { createFrontMatterSchema, YamlTimestamp, type SchemaOptions } from "./front-matter-schema.ts";
import { toSlug } from "./slugs.ts";

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

function parseYaml(text: string): unknown {
  return yaml.load(text, { schema: FRONT_MATTER_SCHEMA });
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

// Characters that are not URL code points (https://url.spec.whatwg.org/#url-code-points) or that end
// the path (`?`, `#`), plus `%`, which would read as an escape: Eleventy puts the file name in the URL as is.
const URL_UNSAFE = /[\s"#%<>?[\\\]^`{|}\p{Cc}]/u;

/**
 * A post whose path would make an invalid URL (`posts/Hello World.md` →
 * `href="/posts/Hello World/"`), unless it sets its own `permalink`.
 * Letters of any script are fine: browsers and validators accept them.
 */
function checkFileName(file: string, data: Record<string, unknown>): Problem | undefined {
  if ("permalink" in data || !file.split("/").some((segment) => URL_UNSAFE.test(segment))) return undefined;
  const renamed = file
    .split("/")
    .map((segment, index, all) => {
      if (!URL_UNSAFE.test(segment)) return segment;
      const extension = index === all.length - 1 ? (/\.[^.]+$/.exec(segment)?.[0] ?? "") : "";
      return (toSlug(segment.slice(0, segment.length - extension.length)) || "post") + extension;
    })
    .join("/");
  const url = `/${renamed.replace(/(?:\/index)?\.md$/, "")}/`;
  const found = [...new Set([...file].filter((char) => URL_UNSAFE.test(char)))].map((char) => (/\s/.test(char) ? "a space" : `"${char}"`));
  return {
    file,
    line: 1,
    field: "file name",
    message: `contains ${found.join(", ")}, which makes an invalid URL: rename the file to ${renamed}, or set a permalink, e.g. permalink: ${url}`,
  };
}

function lineOfKey(yamlText: string, firstLine: number, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const index = yamlText.split("\n").findIndex((line) => new RegExp(`^["']?${escaped}["']?\\s*:`).test(line));
  return index === -1 ? undefined : firstLine + index;
}

type Schema = ReturnType<typeof createFrontMatterSchema>;

/** Every problem in one post's source text. Pure: the caller reads the file. */
export function validatePostSource(file: string, source: string, options: SchemaOptions | Schema = {}): Problem[] {
  const split = splitFrontMatter(source);
  if (split.unclosed) {
    return [{ file, line: 1, field: "front matter", message: "has no closing --- line: end the front matter with a line containing only ---" }];
  }
  let data: unknown = {};
  if (split.yaml !== undefined) {
    try {
      data = parseYaml(split.yaml) ?? {};
    } catch (error) {
      if (!(error instanceof yaml.YAMLException)) throw error;
      const line = split.firstLine + (error.mark?.line ?? 0);
      return [{ file, line, field: "front matter", message: describeYamlError(error, split.yaml, line) }];
    }
  }
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    return [{ file, line: split.firstLine, field: "front matter", value: data, message: "must be key: value lines, e.g. title: \"Your title\"" }];
  }
  const record = data as Record<string, unknown>;
  // Build the schema once per run and pass it in: zod compiles each new schema on first use.
  const schema = "safeParse" in options ? options : createFrontMatterSchema(options);
  const result = schema.safeParse(record);
  const fileNameProblem = checkFileName(file, record);
  if (result.success) return fileNameProblem ? [fileNameProblem] : [];
  const seen = new Set<string>();
  const problems: Problem[] = fileNameProblem ? [fileNameProblem] : [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "front matter";
    const key = String(issue.path[0] ?? "");
    if (seen.has(field)) continue;
    seen.add(field);
    const line = (split.yaml !== undefined ? lineOfKey(split.yaml, split.firstLine, key) : undefined) ?? 1;
    const value = record[key] instanceof YamlTimestamp ? record[key].text : record[key];
    problems.push({ file, line, field, ...(key in record ? { value } : {}), message: issue.message });
  }
  return problems.sort((a, b) => a.line - b.line);
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
  return (await listFiles(join(input, "posts"))).filter((file) => file.endsWith(".md")).map((file) => `posts/${file}`).sort();
}

/** Reads every post and returns ALL problems of ALL posts, so one run reports everything. */
export async function validatePosts(options: ValidateOptions): Promise<Problem[]> {
  const layoutExists = createLayoutLookup(await listFiles(options.layouts));
  const schema = createFrontMatterSchema({ layoutExists });
  const files = await listPostFiles(options.input);
  // Read one after another: thousands of concurrent reads queue on libuv's small thread pool and are slower.
  return files.flatMap((file) => validatePostSource(file, readFileSync(join(options.input, file), "utf8"), schema));
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
