import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createRandom, type Random } from "./random.ts";

/**
 * A synthetic blog of N posts, like the one the figures were measured
 * on: dates over ten years, 1–4 tags from a pool of about 60, about 600 words
 * with h2/h3 headings, lists, links to other posts and two fenced code blocks.
 * Pure and seeded: the same options give byte-identical files.
 */
export interface CorpusOptions {
  posts: number;
  seed: number;
}

/** Markdown files by name, e.g. `post-00042.md`. */
export type Corpus = Record<string, string>;

/** Tricky tags first: punctuation, a slash, a dot and non-Latin script all reach slugs, URLs and feeds. */
export const TAG_POOL: readonly string[] = [
  "C++", "C#", "node.js", "CI/CD", "日本語",
  "serverless", "cloud computing", "architecture", "performance", "testing", "security", "databases",
  "postgres", "sqlite", "redis", "kafka", "kubernetes", "docker", "terraform", "aws", "azure", "gcp",
  "javascript", "typescript", "python", "go", "rust", "java", "bash", "linux", "networking", "dns",
  "http", "graphql", "rest", "grpc", "observability", "logging", "tracing", "metrics", "caching",
  "queues", "event sourcing", "microservices", "monoliths", "frontend", "css", "accessibility",
  "web performance", "static sites", "eleventy", "markdown", "git", "code review", "career",
  "writing", "tooling", "compilers", "concurrency", "functional programming",
];

const WORDS: readonly string[] = (
  "the a of to and in that is for on with as it be by this are from at an or we can which not " +
  "server function request response latency cache queue worker cluster node process thread memory " +
  "disk network packet socket handler event stream buffer record table index query schema migration " +
  "deploy release build pipeline test fixture mock contract boundary module package dependency " +
  "version config secret token session cookie header payload timeout retry backoff limit quota " +
  "region zone replica shard partition leader follower consensus snapshot log metric trace span " +
  "alert budget cost bill invoice tenant user account team review design tradeoff pattern layer " +
  "service gateway proxy balancer route path domain certificate key rotation audit policy role " +
  "permission container image registry runtime kernel syscall file directory volume mount backup " +
  "restore failover outage incident postmortem runbook on-call dashboard query plan join scan " +
  "fast slow simple complex small large cheap expensive stable flaky durable eventual strong " +
  "measure profile optimise refactor rewrite ship rollback observe reduce increase avoid prefer"
).split(" ");

const LANGUAGES = ["js", "python", "bash", "go", "ts", "json", "yaml", "rust", "sql", "css"] as const;

const CODE: Record<(typeof LANGUAGES)[number], (name: string, n: number) => string> = {
  js: (name, n) => `export async function ${name}(request) {\n  const started = Date.now();\n  const items = await fetchItems(request.query, { limit: ${n} });\n  // Keep the slowest call visible in the logs.\n  console.log(\`${name} took \${Date.now() - started} ms\`);\n  return items.filter((item) => item.active).map((item) => ({ id: item.id, score: item.score * ${n} }));\n}`,
  python: (name, n) => `def ${name}(event, context):\n    """Handle one event; retries are the caller's job."""\n    items = [item for item in event.get("items", []) if item["size"] < ${n}]\n    total = sum(item["size"] for item in items)\n    return {"statusCode": 200, "body": {"count": len(items), "total": total}}`,
  bash: (name, n) => `#!/usr/bin/env bash\nset -euo pipefail\n# ${name}: rotate logs older than ${n} days\nfind /var/log/app -name '*.log' -mtime +${n} -print0 | xargs -0 gzip -9\necho "rotated $(ls /var/log/app/*.gz | wc -l) files"`,
  go: (name, n) => `func ${name}(ctx context.Context, ids []string) ([]Item, error) {\n\tctx, cancel := context.WithTimeout(ctx, ${n}*time.Millisecond)\n\tdefer cancel()\n\titems := make([]Item, 0, len(ids))\n\tfor _, id := range ids {\n\t\titem, err := store.Get(ctx, id)\n\t\tif err != nil {\n\t\t\treturn nil, fmt.Errorf("get %s: %w", id, err)\n\t\t}\n\t\titems = append(items, item)\n\t}\n\treturn items, nil\n}`,
  ts: (name, n) => `interface Options {\n  retries: number;\n  timeoutMs: number;\n}\n\nexport async function ${name}<T>(task: () => Promise<T>, options: Options = { retries: ${n % 5}, timeoutMs: ${n * 10} }): Promise<T> {\n  for (let attempt = 0; ; attempt++) {\n    try {\n      return await task();\n    } catch (error) {\n      if (attempt >= options.retries) throw error;\n    }\n  }\n}`,
  json: (name, n) => `{\n  "name": "${name}",\n  "memory": ${n * 64},\n  "timeout": ${n},\n  "environment": { "LOG_LEVEL": "info", "REGION": "eu-west-1" }\n}`,
  yaml: (name, n) => `service: ${name}\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  memorySize: ${n * 64}\nfunctions:\n  handler:\n    handler: src/${name}.handler\n    events:\n      - httpApi: "GET /${name}"`,
  rust: (name, n) => `fn ${name}(values: &[u64]) -> Option<u64> {\n    let limit = ${n}u64;\n    values.iter().copied().filter(|v| *v < limit).max()\n}`,
  sql: (name, n) => `-- ${name}: slowest endpoints this week\nSELECT route, percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99\nFROM requests\nWHERE started_at > now() - interval '${n} days'\nGROUP BY route\nORDER BY p99 DESC\nLIMIT 10;`,
  css: (name, n) => `.${name} {\n  display: grid;\n  grid-template-columns: repeat(auto-fill, minmax(${n * 10}px, 1fr));\n  gap: 1rem;\n}`,
};

const TEN_YEARS_DAYS = 3652;
const FIRST_DAY = Date.UTC(2015, 0, 1);

export function postFileName(index: number): string {
  return `post-${String(index + 1).padStart(5, "0")}.md`;
}

function sentence(random: Random, min = 8, max = 18): string {
  const words = Array.from({ length: random.int(min, max) }, () => random.pick(WORDS));
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function titleCase(words: string[]): string {
  return words.map((word) => `${word[0]!.toUpperCase()}${word.slice(1)}`).join(" ");
}

/** A paragraph of about `words` words, with inline code, emphasis and sometimes a link to another post. */
function paragraph(random: Random, posts: number, words: number): string {
  const sentences: string[] = [];
  let count = 0;
  while (count < words) {
    const text = sentence(random);
    count += text.split(" ").length;
    sentences.push(text);
  }
  const roll = random.next();
  if (roll < 0.35) {
    const target = postFileName(random.int(0, posts - 1)).replace(/\.md$/, "");
    sentences.push(`See [the ${random.pick(WORDS)} notes](/posts/${target}/) for more.`);
  } else if (roll < 0.6) {
    sentences.push(`Set \`${random.pick(WORDS)}_${random.pick(WORDS)}\` to *${random.pick(WORDS)}* first.`);
  } else if (roll < 0.7) {
    sentences.push(`The **${random.pick(WORDS)}** matters more than the ${random.pick(WORDS)}.`);
  }
  return sentences.join(" ");
}

function list(random: Random, posts: number): string {
  const ordered = random.next() < 0.4;
  return Array.from({ length: random.int(3, 5) }, (_, i) => {
    const marker = ordered ? `${i + 1}.` : "-";
    const linked = random.next() < 0.2;
    const text = sentence(random, 4, 9);
    return linked ? `${marker} [${text.slice(0, -1)}](/posts/${postFileName(random.int(0, posts - 1)).replace(/\.md$/, "")}/)` : `${marker} ${text}`;
  }).join("\n");
}

function codeBlock(random: Random): string {
  const language = random.pick(LANGUAGES);
  const name = `${random.pick(["load", "sync", "handle", "measure", "retry", "rotate", "fetch"])}${titleCase([random.pick(WORDS.filter((w) => /^[a-z]+$/.test(w)))])}`;
  return `\`\`\`${language}\n${CODE[language](name, random.int(2, 90))}\n\`\`\``;
}

function onePost(random: Random, index: number, posts: number): string {
  const title = titleCase(Array.from({ length: random.int(3, 7) }, () => random.pick(WORDS)));
  // Some titles need quoting in YAML: a colon, a hash.
  const fullTitle = random.next() < 0.1 ? `${title}: part ${random.int(2, 9)}` : random.next() < 0.05 ? `${title} #${index}` : title;
  const date = new Date(FIRST_DAY + random.int(0, TEN_YEARS_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const tags = random.sample(TAG_POOL, random.int(1, 4));
  const description = sentence(random, 10, 22);
  const frontMatter = [
    "---",
    // JSON strings are valid YAML double-quoted scalars: any title or tag stays one string.
    `title: ${JSON.stringify(fullTitle)}`,
    `date: ${date}`,
    "tags:",
    ...tags.map((tag) => `  - ${JSON.stringify(tag)}`),
    `description: ${JSON.stringify(description)}`,
    "---",
  ];
  const sections = random.int(3, 4);
  const codeIn = random.sample(Array.from({ length: sections }, (_, i) => i), 2);
  const body: string[] = [paragraph(random, posts, 50)];
  for (let s = 0; s < sections; s++) {
    body.push(`## ${titleCase(Array.from({ length: random.int(2, 5) }, () => random.pick(WORDS)))}`);
    body.push(paragraph(random, posts, 45));
    if (s % 2 === 0) body.push(list(random, posts));
    if (codeIn.includes(s)) body.push(codeBlock(random));
    body.push(`### ${titleCase(Array.from({ length: random.int(2, 4) }, () => random.pick(WORDS)))}`);
    body.push(paragraph(random, posts, 38));
  }
  body.push(paragraph(random, posts, 32));
  return `${frontMatter.join("\n")}\n\n${body.join("\n\n")}\n`;
}

export function generateCorpus({ posts, seed }: CorpusOptions): Corpus {
  if (!Number.isInteger(posts) || posts < 1) throw new Error(`--posts must be a positive integer, got ${posts}`);
  const random = createRandom(seed);
  const corpus: Corpus = {};
  for (let i = 0; i < posts; i++) corpus[postFileName(i)] = onePost(random, i, posts);
  return corpus;
}

export async function writeCorpus(folder: string, corpus: Corpus): Promise<void> {
  await mkdir(folder, { recursive: true });
  await Promise.all(Object.entries(corpus).map(([name, text]) => writeFile(join(folder, name), text)));
}
