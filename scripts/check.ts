/**
 * `npm run check`: checks all content without publishing anything.
 * Errors (exit 1): front matter that breaks the schema, internal links and
 * `#fragment` anchors that point nowhere, each at its line, and Markdown links
 * to a source file (`[x](./other.md)`) that is not a published post
 * (src/source-links.ts, run by the build itself). Warnings (exit 0, printed): code
 * fences in a language Prism does not know, mojibake.
 * Eleventy runs in process with toJSON(): nothing is written to _site/.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Eleventy from "@11ty/eleventy";
import { AuthoringError, setReportPrinting } from "../src/build-status.ts";
import { findControlCharacters } from "../src/control-characters.ts";
import { describeUnknownLanguage } from "../src/fence-languages.ts";
import { isKnownLanguage, parseFenceInfo, RENDERED_FENCE_LANGUAGES } from "../src/highlight.ts";
import { checkLinks, DEFAULT_IGNORED_PATHS, locateLinkProblems, readSource, type BuiltPage } from "../src/link-check.ts";
import { listCopiedPostFiles } from "../src/post-assets.ts";
import { createMarkdown } from "../src/markdown.ts";
import { findMojibake } from "../src/mojibake.ts";
import { splitFrontMatter, validatePosts } from "../src/validate-posts.ts";

export interface Finding {
  severity: "error" | "warning";
  file: string;
  line: number;
  message: string;
}

const configPath = fileURLToPath(new URL("../eleventy.config.ts", import.meta.url));

/** Every file under `folder`, as a path relative to `root` with `/` separators. */
async function listFiles(root: string, folder: string): Promise<string[]> {
  if (!existsSync(join(root, folder))) return [];
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).split("\\").join("/")).sort();
}

async function listMarkdown(root: string, folder: string): Promise<string[]> {
  return (await listFiles(root, folder)).filter((file) => file.endsWith(".md"));
}

/** Unknown fence languages and mojibake in one Markdown source. */
export function checkSource(file: string, source: string): Finding[] {
  const findings: Finding[] = [];
  const { body, bodyLine } = splitFrontMatter(source);
  // markdown-it's own parse, so only real fences count (not ``` inside an indented block) and lines are exact.
  for (const token of createMarkdown().parse(body, {})) {
    if (token.type !== "fence") continue;
    const { language } = parseFenceInfo(token.info);
    if (!isKnownLanguage(language) && !RENDERED_FENCE_LANGUAGES.includes(language)) {
      findings.push({
        severity: "warning",
        file,
        line: bodyLine + (token.map?.[0] ?? 0),
        message: describeUnknownLanguage(language),
      });
    }
  }
  for (const hit of findControlCharacters(source)) {
    findings.push({
      severity: "warning",
      file,
      line: hit.line,
      message: `contains the control character ${hit.codePoint}, which XML and HTML forbid (pasted from a PDF or a terminal?): the build removes it from pages and feeds; delete it here`,
    });
  }
  for (const hit of findMojibake(source)) {
    findings.push({
      severity: "warning",
      file,
      line: hit.line,
      message: `"${hit.sequence}" looks like mojibake (UTF-8 text decoded with the wrong charset): retype the character, and save the file as UTF-8`,
    });
  }
  return findings;
}

const BUILD_ERROR = "the site does not build:";

/** Messages of an error and its causes: Eleventy wraps the plugin's error (`originalError`) in its own ("Having trouble rendering …"). */
function errorMessages(error: unknown): string[] {
  const messages: string[] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 10; depth++) {
    messages.push(current.message);
    const wrapper = current as Error & { originalError?: unknown };
    current = wrapper.originalError ?? wrapper.cause;
  }
  return messages.length > 0 ? messages : [String(error)];
}

/** A build error as error findings: each problem found in a post at its line, or one finding on the first source file it names. */
export function renderFailure(error: unknown): Finding[] {
  if (error instanceof AuthoringError && error.postErrors.length > 0) {
    return error.postErrors.map((postError) => ({ severity: "error", file: postError.file.replace(/^\.\//, ""), line: postError.line, message: `${BUILD_ERROR} ${postError.problem}` }));
  }
  const messages = errorMessages(error);
  // The innermost message is the author's problem; Eleventy's wrappers only say where.
  const message = messages.at(-1)!.split("\n").map((line) => line.trim()).filter(Boolean).join(" ");
  const file = /(?:^|[\s"'(])(?:\.\/)?((?:posts|pages)\/[^\s"'():]+\.(?:md|njk))/.exec(messages.join("\n"))?.[1] ?? "(site)";
  return [{ severity: "error", file, line: 1, message: `${BUILD_ERROR} ${message}` }];
}

/** Runs the site through Eleventy in memory and returns its broken internal links, located in their sources. */
async function checkSiteLinks(root: string): Promise<Finding[]> {
  const previous = process.cwd();
  process.chdir(root);
  let results: Awaited<ReturnType<Eleventy["toJSON"]>>;
  try {
    const eleventy = new Eleventy(".", "_site", { quietMode: true, configPath, runMode: "build" });
    // A build error becomes a finding below; Eleventy would also print it with its stack trace.
    eleventy.disableLogger();
    setReportPrinting(false);
    results = await eleventy.toJSON();
  } catch (error) {
    // A post that cannot render (a missing image, two tags with one URL) is a finding, not a crash.
    return renderFailure(error);
  } finally {
    setReportPrinting(true);
    process.chdir(previous);
  }
  const pages = results.filter((page): page is BuiltPage => typeof page.url === "string" && typeof page.outputPath === "string");
  // As the build copies them: public/ at the root, and files beside posts where the post's URL puts them (src/post-assets.ts).
  const copied = new Set(listCopiedPostFiles(await listFiles(root, "posts")).map(({ output }) => `/${output}`));
  const problems = checkLinks(pages, {
    pathPrefix: "/",
    fileExists: (path) => existsSync(join(root, "public", path)) || copied.has(path),
    ignore: DEFAULT_IGNORED_PATHS,
  });
  // Found in the source as the build's own link check finds them (src/link-check.ts), at line 1 when the layout holds the link.
  return locateLinkProblems(problems, (inputPath) => readSource(join(root, inputPath)), "/").map((problem) => ({
    severity: "error" as const,
    file: relative(root, resolve(root, problem.inputPath)).split("\\").join("/"),
    line: problem.line ?? 1,
    message: `link to ${problem.href} is broken: ${problem.reason}`,
  }));
}

/** Every finding for the site in `root`. */
export async function checkContent(root: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const schemaProblems = await validatePosts({ input: root, layouts: join(root, "_includes") });
  for (const p of schemaProblems) {
    const value = "value" in p ? ` (${JSON.stringify(p.value)})` : "";
    findings.push({ severity: "error", file: p.file, line: p.line, message: `${p.field}${value} ${p.message}` });
  }
  for (const file of [...(await listMarkdown(root, "posts")), ...(await listMarkdown(root, "pages"))]) {
    findings.push(...checkSource(file, await readFile(join(root, file), "utf8")));
  }
  if (schemaProblems.length === 0) findings.push(...(await checkSiteLinks(root)));
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

async function main(): Promise<void> {
  const root = process.cwd();
  const findings = await checkContent(root);
  for (const f of findings) console.log(`${f.severity.padEnd(7)} ${f.file}:${f.line}  ${f.message}`);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const isBuildError = (f: Finding) => f.message.startsWith(BUILD_ERROR);
  const hasSchemaErrors = findings.some((f) => f.severity === "error" && !f.message.startsWith("link to ") && !isBuildError(f));
  if (hasSchemaErrors) console.log("Links were not checked: fix the front matter errors first.");
  else if (findings.some(isBuildError)) console.log("Links were not checked: fix the build error first.");
  console.log(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`);
  process.exitCode = errors > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
