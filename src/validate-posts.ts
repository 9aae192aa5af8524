import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import yaml from "js-yaml";
import { createFrontMatterSchema, type SchemaOptions } from "./front-matter-schema.ts";

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
 * Parses front matter YAML with the CORE schema: unlike js-yaml's default
 * schema, it has no timestamp type, so `date: 2023-13-45` stays the text the
 * author wrote (the default rolls it over to 2024-02-14) and the schema can
 * reject it. https://github.com/nodeca/js-yaml#load-string---options-
 */
function parseYaml(text: string): unknown {
  return yaml.load(text, { schema: yaml.CORE_SCHEMA });
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
      return [{ file, line, field: "front matter", message: `is not valid YAML (${error.reason}): check quotes and indentation on or just before line ${line}` }];
    }
  }
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    return [{ file, line: split.firstLine, field: "front matter", value: data, message: "must be key: value lines, e.g. title: \"Your title\"" }];
  }
  const record = data as Record<string, unknown>;
  // Build the schema once per run and pass it in: zod compiles each new schema on first use.
  const schema = "safeParse" in options ? options : createFrontMatterSchema(options);
  const result = schema.safeParse(record);
  if (result.success) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "front matter";
    const key = String(issue.path[0] ?? "");
    if (seen.has(field)) continue;
    seen.add(field);
    const line = (split.yaml !== undefined ? lineOfKey(split.yaml, split.firstLine, key) : undefined) ?? 1;
    problems.push({ file, line, field, ...(key in record ? { value: record[key] } : {}), message: issue.message });
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
