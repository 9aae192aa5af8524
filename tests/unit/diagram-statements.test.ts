import { readFileSync } from "node:fs";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PostError } from "../../src/build-status.ts";
import { decodeXml, type DiagramType } from "../../src/diagram-statements.ts";
import { renderDiagram } from "../../src/diagrams.ts";
import { createMarkdown } from "../../src/markdown.ts";
import { projectRoot } from "../helpers/site.ts";

/**
 * Every line of a ```mermaid fence is drawn as written or reported at its own
 * line (src/diagram-statements.ts). Checked as properties over diagrams
 * generated from the grammar beautiful-mermaid reads, with labels full of
 * Mermaid keywords: none is refused, and every label drawn is the author's
 * text; then with each unsupported statement inserted at a random place:
 * each is reported at its line of the post, and nothing is drawn.
 */

/** Deterministic, so a failure replays: mulberry32. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

/** Words an author could put in a label, Mermaid's keywords first. */
const WORDS = ["click", "here", "style", "class", "classDef", "linkStyle", "end", "subgraph", "direction", "call", "href", "note", "loop", "opt", "alt", "else", "participant", "state", "accTitle", "Build", "café", "日本語", "&", "a.b", "x:y", "#1", "it's", "50%", "?", "Ünïcode", "v2.0"];
const label = (r: Random) => Array.from({ length: 1 + r.int(3) }, () => r.pick(WORDS)).join(" ");

interface Generated {
  lines: string[];
  /** Every text the SVG may show, exactly (undefined: checked word by word against the source). */
  labels?: Set<string>;
  /** Texts the SVG must show. */
  shown: string[];
  /** Indexes of lines before which a statement may be inserted (not inside a body or an accDescr block). */
  gaps: number[];
}

/** A diagram's optional accessibility lines, which the blog reads and the renderer never sees. */
function accessibility(r: Random, lines: string[]) {
  if (r.chance(0.4)) lines.push(`  accTitle: ${label(r)}`);
  if (r.chance(0.3)) lines.push("  accDescr {", `    ${label(r)}`, `    ${label(r)}`, "  }");
  else if (r.chance(0.3)) lines.push(`  accDescr: ${label(r)}`);
  if (r.chance(0.3)) lines.push(`  %% ${label(r)}`);
}

const SHAPES: ReadonlyArray<readonly [string, string]> = [["[", "]"], ["(", ")"], ["{", "}"], ["((", "))"], ["([", "])"], ["[[", "]]"], ["[(", ")]"], ["{{", "}}"], ["(((", ")))"], [">", "]"], ["[/", "\\]"], ["[\\", "/]"]];
const FLOW_IDS = ["A", "B", "C", "node_1", "Step2", "x-y", "clicker", "endpoint", "styled", "classy", "subgraphs"];
const ARROWS = ["-->", "---", "-.->", "-.-", "==>", "===", "<-->", "<-.->", "<==>"];
const TEXT_ARROWS: ReadonlyArray<readonly [string, string]> = [["--", "-->"], ["--", "---"], ["-.", ".->"], ["==", "==>"]];

function flowchart(r: Random): Generated {
  const lines = [`${r.pick(["flowchart", "graph"])} ${r.pick(["TD", "TB", "LR", "BT", "RL"])}`];
  accessibility(r, lines);
  const labels = new Set<string>();
  const known = new Set<string>();
  const gaps: number[] = [];
  let edges = 0;
  const node = (id: string) => {
    if (r.chance(0.6)) {
      const [open, close] = r.pick(SHAPES);
      const text = label(r);
      if (!known.has(id)) labels.add(text);
      known.add(id);
      return `${id}${open}${text}${close}${r.chance(0.1) ? ":::hot" : ""}`;
    }
    if (!known.has(id)) labels.add(id);
    known.add(id);
    return id;
  };
  const statement = () => {
    if (r.chance(0.2)) return `  ${node(r.pick(FLOW_IDS))}`;
    const group = () => (r.chance(0.15) ? `${node(r.pick(FLOW_IDS))} & ${node(r.pick(FLOW_IDS))}` : node(r.pick(FLOW_IDS)));
    let text = group();
    let size = (text.match(/&/g) ?? []).length + 1;
    for (let i = 0, hops = 1 + r.int(2); i < hops; i++) {
      let arrow = r.pick(ARROWS);
      if (r.chance(0.3)) {
        const edgeLabel = label(r);
        labels.add(edgeLabel);
        if (r.chance(0.5)) arrow = `${arrow}|${edgeLabel}|`;
        else {
          const [open, close] = r.pick(TEXT_ARROWS);
          arrow = `${open} ${edgeLabel} ${close}`;
        }
      }
      const next = group();
      const nextSize = (next.match(/&/g) ?? []).length + 1;
      edges += size * nextSize;
      size = nextSize;
      text += ` ${arrow} ${next}`;
    }
    return `  ${text}${r.chance(0.1) ? ";" : ""}`;
  };
  lines.push(`  ${node("A")}`);
  gaps.push(lines.length);
  for (let i = 0, count = 2 + r.int(5); i < count; i++) {
    if (r.chance(0.2)) {
      const title = label(r);
      const bracket = r.chance(0.5);
      lines.push(bracket ? `  subgraph group${i} [${title}]` : `  subgraph ${title}`);
      labels.add(title);
      if (r.chance(0.4)) lines.push(`    direction ${r.pick(["TB", "LR"])}`);
      lines.push(`  ${node(`inner${i}`)} --> ${node(r.pick(FLOW_IDS))}`);
      edges++;
      lines.push("  end");
    } else lines.push(statement());
    gaps.push(lines.length);
  }
  lines.push("  classDef hot fill:#f96,stroke:#333,stroke-width:2px,color:#000", "  class A,B hot".replace(",B", known.has("B") ? ",B" : ""), `  style A fill:#${r.pick(["f00", "0a0", "00f"])},stroke:#333`);
  if (edges > 0) lines.push(`  linkStyle ${r.int(edges)} stroke:#f00,stroke-width:2px`, "  linkStyle default stroke:#888");
  gaps.push(lines.length);
  return { lines, labels, shown: [...labels], gaps };
}

const STATE_IDS = ["Idle", "Busy", "Done", "état", "s_2", "click", "end", "note"];

function stateDiagram(r: Random): Generated {
  const lines = [r.pick(["stateDiagram-v2", "stateDiagram"])];
  accessibility(r, lines);
  const labels = new Set<string>();
  const known = new Set<string>();
  const gaps = [lines.length];
  const first = (id: string, text: string) => {
    if (!known.has(id)) labels.add(text);
    known.add(id);
  };
  // Descriptions first: the renderer keeps a state's first text.
  for (const id of STATE_IDS) {
    if (!r.chance(0.4)) continue;
    const text = label(r);
    lines.push(r.chance(0.5) ? `  ${id} : ${text}` : `  state "${text}" as ${id}`);
    first(id, text);
    gaps.push(lines.length);
  }
  if (r.chance(0.5)) lines.push(`  direction ${r.pick(["LR", "TB"])}`), gaps.push(lines.length);
  lines.push(`  [*] --> ${STATE_IDS[0]}`);
  first(STATE_IDS[0]!, STATE_IDS[0]!);
  gaps.push(lines.length);
  for (let i = 0, count = 2 + r.int(5); i < count; i++) {
    const from = r.pick(STATE_IDS);
    const to = r.chance(0.15) ? "[*]" : r.pick(STATE_IDS);
    first(from, from);
    if (to !== "[*]") first(to, to);
    const text = r.chance(0.5) ? label(r) : "";
    if (text) labels.add(text);
    lines.push(`  ${from} --> ${to}${text ? ` : ${text}` : ""}`);
    gaps.push(lines.length);
  }
  if (r.chance(0.4)) {
    const title = label(r);
    lines.push(`  state "${title}" as Group {`, "    [*] --> Inner", "    Inner --> [*]", "  }");
    labels.add(title).add("Inner");
    gaps.push(lines.length);
  }
  lines.push("  linkStyle 0 stroke:#f00");
  gaps.push(lines.length);
  return { lines, labels, shown: [...labels], gaps };
}

const ACTORS = ["Alice", "Bob", "Srv2", "日本"];
const MESSAGE_ARROWS = ["->>", "-->>", "->", "-->", "-x", "--x", "-)", "--)"];

function sequenceDiagram(r: Random): Generated {
  const lines = ["sequenceDiagram"];
  accessibility(r, lines);
  const shown: string[] = [];
  const gaps = [lines.length];
  const names: string[] = [];
  for (const id of ACTORS.slice(0, 2 + r.int(2))) {
    const name = r.chance(0.5) ? label(r) : id;
    lines.push(r.chance(0.5) ? `  ${r.pick(["participant", "actor"])} ${id} as ${name}` : `  participant ${id}`);
    if (!lines.at(-1)!.endsWith(`participant ${id}`)) names.push(name);
    gaps.push(lines.length);
  }
  const message = () => {
    const text = label(r);
    shown.push(text);
    return `${r.pick(ACTORS)}${r.pick(MESSAGE_ARROWS)}${r.pick(["", "+", "-"])}${r.pick(ACTORS)}: ${text}`;
  };
  for (let i = 0, count = 2 + r.int(4); i < count; i++) {
    const kind = r.int(4);
    if (kind === 0) {
      const block = r.pick(["loop", "alt", "opt", "par", "critical", "break"]);
      lines.push(`  ${block} ${label(r)}`, `    ${message()}`);
      if (block === "alt") lines.push(`  else ${label(r)}`, `    ${message()}`);
      if (block === "par") lines.push(`  and ${label(r)}`, `    ${message()}`);
      lines.push("  end");
    } else if (kind === 1 && shown.length > 0) {
      const text = label(r);
      shown.push(text);
      lines.push(`  Note ${r.pick(["left of Alice", "right of Bob", "over Alice,Bob", "over Bob"])}: ${text}`);
    } else lines.push(`  ${message()}`);
    gaps.push(lines.length);
  }
  return { lines, shown: [...names, ...shown], gaps };
}

function classDiagram(r: Random): Generated {
  const lines = ["classDiagram"];
  accessibility(r, lines);
  const gaps = [lines.length];
  const shown = ["Animal"];
  lines.push("  class Animal {", "    <<interface>>", `    +String ${r.pick(["name", "click", "style"])}`, "    +eat(food) bool", "    -int age$", "  }");
  gaps.push(lines.length);
  const classes = ["Duck", "Fish", "Zebra", "Note"];
  for (let i = 0, count = 1 + r.int(4); i < count; i++) {
    const other = r.pick(classes);
    shown.push(other);
    const arrow = r.pick(["<|--", "--|>", "*--", "--*", "o--", "--o", "-->", "<--", "..>", "<..", "..|>", "<|..", "--"]);
    const text = r.chance(0.5) ? label(r) : "";
    if (text) shown.push(text);
    lines.push(r.chance(0.3) ? `  Animal "1" ${arrow} "*" ${other}${text ? ` : ${text}` : ""}` : `  Animal ${arrow} ${other}${text ? ` : ${text}` : ""}`);
    gaps.push(lines.length);
    if (r.chance(0.3)) lines.push(`  ${other} : +${r.pick(["swim()", "int legs", "click()"])}`), gaps.push(lines.length);
  }
  if (r.chance(0.4)) lines.push("  class Plain~T~", "  namespace Zoo {", "    class Keeper", "  }"), shown.push("Keeper"), gaps.push(lines.length);
  return { lines, shown, gaps };
}

function erDiagram(r: Random): Generated {
  const lines = ["erDiagram"];
  accessibility(r, lines);
  const gaps = [lines.length];
  const shown = ["CUSTOMER", "ORDER"];
  const cardinality = () => r.pick(["||", "|o", "o|", "}|", "|{", "o{", "{o"]);
  const relationship = (a: string, b: string) => {
    const text = label(r);
    shown.push(text);
    return `  ${a} ${cardinality()}${r.pick(["--", ".."])}${cardinality()} ${b} : ${r.chance(0.3) ? `"${text}"` : text}`;
  };
  lines.push(relationship("CUSTOMER", "ORDER"));
  gaps.push(lines.length);
  lines.push("  CUSTOMER {", `    string ${r.pick(["name", "click", "style"])} PK`, "    int age", "    string email UK FK", "  }");
  gaps.push(lines.length);
  if (r.chance(0.5)) lines.push(relationship("ORDER", "LINE-ITEM")), shown.push("LINE-ITEM"), gaps.push(lines.length);
  return { lines, shown, gaps };
}

const GENERATORS: Readonly<Record<DiagramType, (r: Random) => Generated>> = { flowchart, state: stateDiagram, sequence: sequenceDiagram, class: classDiagram, er: erDiagram };

/** Statements beautiful-mermaid does not draw as written, per kind, and what the report must name. */
const UNSUPPORTED: Readonly<Record<DiagramType, ReadonlyArray<readonly [string, RegExp]>>> = {
  flowchart: [
    ["click A callback", /`click`.*box labelled "click"/],
    ['click A "https://example.com" "A tooltip"', /`click`/],
    ['click A href "https://example.com"', /`click`/],
    ["callback A doIt", /`callback`/],
    ['%%{init: {"theme": "dark"}}%%', /directives/],
    ["style A stroke-dasharray:5", /does not draw `stroke-dasharray`/],
    ["style A fill:rgb(255,0,0)", /not a `property:value` pair/],
    ["style Nowhere fill:#f00", /`Nowhere` is no node/],
    ["classDef default fill:#f00", /`classDef default`/],
    ["class A, B big", /reads `class` only as/],
    ["class A big;", /reads `class` only as/],
    ["linkStyle 0 color:#f00", /does not draw `color` for links/],
    ["direction LR", /`direction` is read only inside a `subgraph`/],
    ["P-->Q", /put spaces around arrows/],
    ["P@{ shape: rect }", /stops reading this line before `@\{ shape: rect \}`/],
    ["P --> Q; Q --> R", /stops reading this line before `; Q --> R`/],
    ["subgraph", /reads `subgraph` only as/],
    ["end;", /`end` closes a subgraph only alone/],
  ],
  state: [
    ["note right of Idle : remember", /notes are not drawn/],
    ['click Idle "https://example.com"', /`click`/],
    ["style Idle fill:#f00", /`style` is not supported in state diagrams/],
    ["classDef hot fill:#f00", /`classDef` is not supported/],
    ["class Idle hot", /`class` \(assigning a style class\)/],
    ["Idle:::hot", /`:::` class shorthand/],
    ["state Fork <<fork>>", /reads `state` only as/],
    ["%%{init: {}}%%", /directives/],
    ["--", /concurrent regions/],
  ],
  sequence: [
    ["autonumber", /`autonumber`/],
    ["activate Alice", /`activate`/],
    ["deactivate Alice", /`deactivate`/],
    ["create participant Carol", /`create`/],
    ["destroy Alice", /`destroy`/],
    ["box Aqua Team", /`box`/],
    ["rect rgb(0, 0, 255)", /`rect`/],
    ["title Greetings", /`title`/],
    ["link Alice: Docs @ https://example.com", /`link`/],
    ["Alice<<->>Bob: both ways", /two-way arrows/],
    ["optimizer->>Alice: tune", /would open a `opt` block/],
    ["Alice->>Bob", /needs its text after a colon/],
    ['participant "Long Name"', /reads `participant` only as/],
    ["style Alice fill:#f00", /`style` is not supported in sequence diagrams/],
    ["%%{init: {}}%%", /directives/],
  ],
  class: [
    ['note for Animal "remember"', /notes are not drawn/],
    ['note "remember"', /notes are not drawn/],
    ['click Animal href "https://example.com"', /`click`/],
    ["style Animal fill:#f00", /`style` is not supported in class diagrams/],
    ["classDef hot fill:#f00", /`classDef`/],
    ['cssClass "Animal" hot', /`cssClass`/],
    ["direction RL", /`direction` is not supported in class diagrams/],
    ["class Zed:::hot", /`:::` class shorthand/],
    ['class Zed["Zed label"]', /class labels/],
    ["class Zed hot", /reads `class` only as/],
    ["Animal<|--Zed", /spaces around the arrow/],
    ["<<interface>> Animal", /annotation on its own line/],
    ['callback Animal "fn"', /`callback`/],
  ],
  er: [
    ["direction LR", /`direction` is not supported in ER diagrams/],
    ["style CUSTOMER fill:#f00", /`style`/],
    ["classDef hot fill:#f00", /`classDef`/],
    ["PRODUCT", /an entity on its own is not drawn/],
    ["CUSTOMER one or more--o{ ORDER : places", /does not read/],
    ['"Quoted name" ||--o{ ORDER : has', /does not read/],
    ["CUSTOMER |||--o{ ORDER : has", /is not a relationship/],
    ['click CUSTOMER "https://example.com"', /`click`/],
  ],
};

/** Lines inside an ER entity the renderer would not draw as written. */
const UNSUPPORTED_ATTRIBUTES: ReadonlyArray<readonly [string, RegExp]> = [
  ["    string name PK, FK", /`PK,` would be left out/],
  ['    string name "the full name"', /attribute comments/],
  ["    lonely", /needs a type and a name/],
];

const KINDS = Object.keys(GENERATORS) as DiagramType[];
const PER_KIND = 30;

/** The drawn labels' words, each of which must be in the source (the renderer rearranges class members: `+ name: String`). */
function wordsOf(text: string): string[] {
  return text.split(/[\s:,[\]]+/).filter(Boolean);
}

describe("diagrams written in the grammar beautiful-mermaid reads", () => {
  for (const type of KINDS) {
    test(`${PER_KIND} random ${type} diagrams are all drawn, and every label drawn is the author's text`, () => {
      const r = random(KINDS.indexOf(type) + 1);
      for (let i = 0; i < PER_KIND; i++) {
        const generated = GENERATORS[type](r);
        const source = generated.lines.join("\n");
        let labels: string[];
        try {
          labels = renderDiagram(source, "d").labels;
        } catch (error) {
          throw new Error(`refused:\n${source}\n→ ${(error as Error).message}`);
        }
        if (generated.labels) expect(new Set(labels), source).toEqual(generated.labels);
        // A class's generic parameter, `~T~`, is drawn `<T>`.
        const decoded = decodeXml(source).replace(/~(\w+)~/g, "<$1>");
        for (const drawn of labels) for (const word of wordsOf(drawn)) expect(decoded, `"${drawn}" in\n${source}`).toContain(word);
        for (const text of generated.shown) expect(labels, source).toContain(text);
      }
    });
  }
});

describe("a statement beautiful-mermaid would not draw as written", () => {
  const md = createMarkdown();
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "diagram-statements-"));
    await mkdir(join(folder, "posts"));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  /** Renders a post holding the diagram; returns the error and the post line of the fence's line `offset`. */
  async function renderPost(lines: readonly string[], offset: number, name: string) {
    const front = "---\ntitle: Diagram\ndate: 2024-01-01\n---\n";
    const body = `\nSome text first.\n\n\`\`\`mermaid\n${lines.join("\n")}\n\`\`\`\n\nAfter.\n`;
    const file = join(folder, "posts", `${name}.md`);
    await writeFile(file, front + body);
    const fenceLine = (front + body).split("\n").indexOf("```mermaid") + 1;
    try {
      md.render(body, { page: { inputPath: file } });
    } catch (error) {
      return { error, line: fenceLine + 1 + offset, file };
    }
    return { error: undefined, line: fenceLine + 1 + offset, file };
  }

  for (const type of KINDS) {
    test(`each one is reported at its own line in ${type} diagrams, inserted anywhere, and nothing is drawn`, async () => {
      const r = random(100 + KINDS.indexOf(type));
      const cases = [...UNSUPPORTED[type], ...(type === "er" ? UNSUPPORTED_ATTRIBUTES : [])];
      for (const [index, [statement, message]] of cases.entries()) {
        for (let round = 0; round < 3; round++) {
          const generated = GENERATORS[type](r);
          const lines = [...generated.lines];
          let at: number;
          if (statement.startsWith("    ")) at = lines.indexOf("    int age") + 1;
          else at = r.pick(generated.gaps);
          lines.splice(at, 0, statement.startsWith("    ") ? statement : `${r.pick(["", "  ", "\t"])}${statement}`);
          const { error, line, file } = await renderPost(lines, at, `${type}-${index}-${round}`);
          const where = `${statement}\n---\n${lines.join("\n")}`;
          expect(error, where).toBeInstanceOf(PostError);
          const postError = error as PostError;
          expect(postError.file, where).toBe(file);
          expect(postError.line, where).toBe(line);
          expect(postError.problem, where).toMatch(/^this Mermaid line is not drawn as written: /);
          expect(postError.problem, where).toMatch(message);
        }
      }
    });
  }

  test("a sequence diagram's note before its first message (which the renderer drops) is reported at its line", async () => {
    const { error, line } = await renderPost(["sequenceDiagram", "  participant Alice", "  Note over Alice: early", "  Alice->>Bob: hi"], 2, "early-note");
    expect((error as PostError).line).toBe(line);
    expect((error as PostError).problem).toMatch(/a note before the first message is not drawn/);
  });

  test("several in one diagram: the first at its line, the others by line in the same message", async () => {
    const { error, line } = await renderPost(["flowchart LR", "  A --> B", "  click A cb", "  B --> C", "  click B cb"], 2, "several");
    expect((error as PostError).line).toBe(line);
    expect((error as PostError).problem).toContain(`(this diagram has more such lines: ${line + 2})`);
  });
});

describe("what the blog's reading rests on", () => {
  test("decodeXml decodes as the renderer's own decodeXML (npm entities) does", () => {
    const require = createRequire(join(projectRoot, "node_modules/beautiful-mermaid/package.json"));
    const { decodeXML } = require("entities") as { decodeXML(text: string): string };
    const r = random(7);
    const parts = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&amp", "&nbsp;", "&#65;", "&#x41;", "&#X6a;", "&#10;", "&#0;", "&#1114112;", "&#xD800;", "&#65", "a", " ", "&", ";", "#", "x"];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + r.int(6) }, () => r.pick(parts)).join("");
      expect(decodeXml(text), text).toBe(decodeXML(text));
    }
  });

  test("the patterns were copied from beautiful-mermaid 1.1.3: a new version means reading its parsers again", () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot, "node_modules/beautiful-mermaid/package.json"), "utf8")) as { version: string };
    expect(manifest.version, "re-read src/parser.ts, src/sequence/parser.ts, src/class/parser.ts and src/er/parser.ts against src/diagram-statements.ts").toBe("1.1.3");
  });

  test("an entity &#10; inside a line starts a new line for the renderer, and is read as one", () => {
    expect(() => renderDiagram("flowchart LR\n  A[x] --> B&#10;click A cb", "d")).toThrow(/`click`/);
  });
});
