/**
 * Which lines of a Mermaid diagram beautiful-mermaid draws as written.
 *
 * beautiful-mermaid (1.1.3) reads Mermaid line by line with regular
 * expressions and has no way to say that it did not understand a line: a
 * flowchart line it does not know (`click A "…"`, `class A, B big`) is read as
 * a node and drawn as a box labelled with its first word; in the other kinds
 * such a line is dropped without a word. So the blog reads every line the way
 * the renderer will, with the renderer's own patterns (copied from its
 * src/parser.ts, src/sequence/parser.ts, src/class/parser.ts and
 * src/er/parser.ts, in the same order), and reports each line, or part of a
 * line, the renderer would not draw as the author wrote it. Upgrading
 * beautiful-mermaid means reading those files again (tests/unit/
 * diagram-statements.test.ts pins the version).
 */

/** The diagram kinds beautiful-mermaid draws, named for its parsers. */
export type DiagramType = "flowchart" | "state" | "sequence" | "class" | "er";

/** A line of the diagram the renderer would not draw as written. */
export interface UnsupportedStatement {
  /** 0-based line in the diagram's source. */
  line: number;
  /** What is not drawn, and what to do. */
  problem: string;
}

/** The source lines as the renderer sees them: entities decoded (it runs `decodeXML` on the whole text first), trimmed, comments and blank lines gone. */
interface Statement {
  line: number;
  text: string;
}

const RENDERER = "beautiful-mermaid, which draws the blog's diagrams,";

/**
 * Every statement after the header, checked for the diagram's kind. `lines`
 * is the fence's text split into lines, with the lines the blog itself reads
 * (`accTitle`, `accDescr`) already blank; `header` is the header's index.
 */
export function findUnsupportedStatements(lines: readonly string[], type: DiagramType, header: number): UnsupportedStatement[] {
  const found: UnsupportedStatement[] = [];
  const statements: Statement[] = [];
  lines.forEach((raw, line) => {
    // A decoded `&#10;` starts a new line for the renderer: each piece is a statement, reported at the line it came from.
    for (const piece of decodeXml(raw).split("\n")) {
      const text = piece.trim();
      if (text === "") continue;
      if (text.startsWith("%%")) {
        if (/^%%\{/.test(text)) found.push({ line, problem: `Mermaid directives (\`${clip(text)}\`) are not applied: ${RENDERER} ignores them and draws in the site's colours and layout. Remove the line` });
        continue;
      }
      if (line > header) statements.push({ line, text });
    }
  });
  const checker = CHECKERS[type]();
  for (const statement of statements) {
    const problem = checker.check(statement.text, statement.line);
    if (problem) found.push({ line: statement.line, problem });
  }
  found.push(...checker.finish());
  return found.sort((a, b) => a.line - b.line);
}

interface Checker {
  /** The problem with one statement, if the renderer would not draw it as written. */
  check(text: string, line: number): string | undefined;
  /** Problems only known once every line is read (a style for a node that never appears). */
  finish(): UnsupportedStatement[];
}

const CHECKERS: Readonly<Record<DiagramType, () => Checker>> = {
  flowchart: flowchartChecker,
  state: stateChecker,
  sequence: sequenceChecker,
  class: classChecker,
  er: erChecker,
};

/** What each kind of diagram is called in messages. */
const NAMES: Readonly<Record<DiagramType, string>> = { flowchart: "flowcharts", state: "state diagrams", sequence: "sequence diagrams", class: "class diagrams", er: "ER diagrams" };

/**
 * Statements Mermaid has and beautiful-mermaid does not draw (in a kind, or
 * in the form written), by their first word; `{kind}` is the diagram kind.
 */
const KEYWORDS: Readonly<Record<string, string>> = {
  click: "`click` (a link or callback on a node) is not supported: a diagram on the blog is an image. Remove the line, and link from the text around the diagram",
  callback: "`callback` (a script on a node) is not supported: a diagram on the blog is an image. Remove the line",
  call: "`call` (a script on a node) is not supported: a diagram on the blog is an image. Remove the line",
  href: "`href` (a link on a node) is not supported: a diagram on the blog is an image. Remove the line, and link from the text around the diagram",
  link: "`link` (a link on a participant or class) is not supported: a diagram on the blog is an image. Remove the line, and link from the text around the diagram",
  links: "`links` (links on a participant) is not supported: a diagram on the blog is an image. Remove the line, and link from the text around the diagram",
  style: "`style` is not supported in {kind}, which the blog draws in the site's colours (only flowcharts take `style`). Remove the line",
  classdef: "`classDef` is not supported in {kind}, which the blog draws in the site's colours (only flowcharts take `classDef`). Remove the line",
  class: "`class` (assigning a style class) is not supported in {kind} (only flowcharts take it). Remove the line",
  cssclass: "`cssClass` is not supported in {kind}, which the blog draws in the site's colours. Remove the line",
  linkstyle: "`linkStyle` is not supported in {kind} (only flowcharts and state diagrams take it). Remove the line",
  direction: "`direction` is not supported in {kind}: they are laid out one way. Remove the line",
  note: "notes are not drawn in {kind}: put the text in the article, or remove the line",
  title: "`title` is not drawn: the diagram's name comes from `accTitle: …`. Use that, or a sentence in the article",
  accTitle: "write the diagram's name as `accTitle: …` on one line",
  accdescr: "write the description as `accDescr: …` on one line, or `accDescr {` on its own line, the text, then `}` on its own line",
  autonumber: "`autonumber` is not supported: messages are not numbered. Remove the line, or number the messages' text yourself",
  activate: "`activate` on its own line is not supported: mark the message instead, `A->>+B: text` to activate B and `B-->>-A: text` to deactivate it",
  deactivate: "`deactivate` on its own line is not supported: mark the message instead, `A->>+B: text` to activate B and `B-->>-A: text` to deactivate it",
  create: "`create` is not supported: declare the participant with `participant` (or just use it in a message)",
  destroy: "`destroy` is not supported: remove the line",
  box: "`box` (a group of participants) is not supported: remove the `box` line and its `end`",
  option: "`option` is not supported inside `critical`: use `alt` … `else` … `end` for alternatives",
  properties: "`properties` is not supported: remove the line",
  details: "`details` is not supported: remove the line",
  namespace: "write a namespace as `namespace Name {` on its own line, then its classes, then `}`",
};

function keywordProblem(text: string, type: DiagramType): string | undefined {
  const word = /^[A-Za-z]+/.exec(text)?.[0];
  if (!word) return undefined;
  const problem = KEYWORDS[word] ?? KEYWORDS[word.toLowerCase()];
  return problem?.replace("{kind}", NAMES[type]);
}

// ---------------------------------------------------------------------------
// Flowcharts: beautiful-mermaid src/parser.ts, parseFlowchart and parseEdgeLine.

const FLOW_ARROW = /^(<)?(-->|-.->|==>|---|-\.-|===)(?:\|([^|]*)\|)?/;
const FLOW_TEXT_ARROW = /^(<)?(--|-\.|==)\s+(.+?)\s+(-->|---|\.\->|-\.\-|==>|===)/;
const FLOW_NODE_PATTERNS: readonly RegExp[] = [
  /^([\w-]+)\(\(\((.+?)\)\)\)/,
  /^([\w-]+)\(\[(.+?)\]\)/,
  /^([\w-]+)\(\((.+?)\)\)/,
  /^([\w-]+)\[\[(.+?)\]\]/,
  /^([\w-]+)\[\((.+?)\)\]/,
  /^([\w-]+)\[\/(.+?)\\\]/,
  /^([\w-]+)\[\\(.+?)\/\]/,
  /^([\w-]+)>(.+?)\]/,
  /^([\w-]+)\{\{(.+?)\}\}/,
  /^([\w-]+)\[(.+?)\]/,
  /^([\w-]+)\((.+?)\)/,
  /^([\w-]+)\{(.+?)\}/,
];
const FLOW_BARE_NODE = /^([\w-]+)/;
const FLOW_CLASS_SHORTHAND = /^:::([\w][\w-]*)/;
const DIRECTION = /^direction\s+(TD|TB|LR|BT|RL)\s*$/i;
const LINK_STYLE = /^linkStyle\s+(default|[\d,\s]+)\s+(.+)$/;

/** Style properties the renderer draws (src/renderer.ts reads `inlineStyle` for these and no others). */
const NODE_STYLE_PROPERTIES: ReadonlySet<string> = new Set(["fill", "stroke", "stroke-width", "color"]);
const LINK_STYLE_PROPERTIES: ReadonlySet<string> = new Set(["stroke", "stroke-width"]);

interface NodeRead {
  id: string;
  remaining: string;
  className?: string;
}

function readFlowNode(text: string): NodeRead | null {
  let id: string | null = null;
  let remaining = text;
  for (const pattern of FLOW_NODE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) {
      id = match[1]!;
      remaining = text.slice(match[0].length);
      break;
    }
  }
  if (id === null) {
    const bare = FLOW_BARE_NODE.exec(text);
    if (!bare) return null;
    id = bare[1]!;
    remaining = text.slice(bare[0].length);
  }
  const shorthand = FLOW_CLASS_SHORTHAND.exec(remaining);
  if (shorthand) return { id, remaining: remaining.slice(shorthand[0].length), className: shorthand[1]! };
  return { id, remaining };
}

function readFlowNodeGroup(text: string): { nodes: NodeRead[]; remaining: string } | null {
  const first = readFlowNode(text);
  if (!first) return null;
  const nodes = [first];
  let remaining = first.remaining.trim();
  while (remaining.startsWith("&")) {
    remaining = remaining.slice(1).trim();
    const next = readFlowNode(remaining);
    if (!next) break;
    nodes.push(next);
    remaining = next.remaining.trim();
  }
  return { nodes, remaining };
}

/** The nodes of a node-or-edge line, and the text after the last node the renderer reads (where it stops). */
function readFlowEdgeLine(line: string): { nodes: NodeRead[]; rest: string; edges: number } {
  const first = readFlowNodeGroup(line.trim());
  if (!first) return { nodes: [], rest: line.trim(), edges: 0 };
  const nodes = [...first.nodes];
  let rest = first.remaining.trim();
  let previous = first.nodes.length;
  let edges = 0;
  while (rest.length > 0) {
    const arrow = FLOW_ARROW.exec(rest) ?? FLOW_TEXT_ARROW.exec(rest);
    if (!arrow) break;
    const next = readFlowNodeGroup(rest.slice(arrow[0].length).trim());
    if (!next) break;
    nodes.push(...next.nodes);
    edges += previous * next.nodes.length;
    previous = next.nodes.length;
    rest = next.remaining.trim();
  }
  return { nodes, rest, edges };
}

/** `fill:#f00,stroke:#333`, read the way the renderer's parseStyleProps does; the problem with the first property it would not draw. */
function styleProblem(properties: string, allowed: ReadonlySet<string>, what: string): string | undefined {
  for (const pair of properties.replace(/;\s*$/, "").split(",")) {
    const colon = pair.indexOf(":");
    const key = colon > 0 ? pair.slice(0, colon).trim() : "";
    const value = colon > 0 ? pair.slice(colon + 1).trim() : "";
    if (!key || !value) return `\`${pair.trim()}\` is not a \`property:value\` pair: the renderer splits styles at every comma, so write colours as \`#rrggbb\` (not \`rgb(…)\`) and separate properties with commas`;
    if (!allowed.has(key)) return `the renderer does not draw \`${key}\` for ${what}: it draws only ${[...allowed].map((name) => `\`${name}\``).join(", ")}. Remove \`${pair.trim()}\``;
  }
  return undefined;
}

function flowchartChecker(): Checker {
  let depth = 0;
  const nodes = new Set<string>();
  const subgraphs = new Set<string>();
  const classDefs = new Set<string>();
  const classUses: Array<{ name: string; line: number }> = [];
  const targets: Array<{ ids: string[]; line: number; keyword: string }> = [];
  return {
    check(text, line) {
      const classDef = /^classDef\s+(\w+)\s+(.+)$/.exec(text);
      if (classDef) {
        if (classDef[1] === "default") return "`classDef default` (a style for every node) is not applied by the renderer: give it another name and assign it with `class A,B name`";
        classDefs.add(classDef[1]!);
        return styleProblem(classDef[2]!, NODE_STYLE_PROPERTIES, "nodes");
      }
      const classAssign = /^class\s+([\w,-]+)\s+(\w+)$/.exec(text);
      if (classAssign) {
        targets.push({ ids: classAssign[1]!.split(","), line, keyword: "class" });
        classUses.push({ name: classAssign[2]!, line });
        return undefined;
      }
      const style = /^style\s+([\w,-]+)\s+(.+)$/.exec(text);
      if (style) {
        targets.push({ ids: style[1]!.split(","), line, keyword: "style" });
        return styleProblem(style[2]!, NODE_STYLE_PROPERTIES, "nodes");
      }
      const linkStyle = LINK_STYLE.exec(text);
      if (linkStyle) return styleProblem(linkStyle[2]!, LINK_STYLE_PROPERTIES, "links");
      if (DIRECTION.test(text) && depth > 0) return undefined;
      const subgraph = /^subgraph\s+(.+)$/.exec(text);
      if (subgraph) {
        const rest = subgraph[1]!.trim();
        const bracket = /^([\w-]+)\s*\[(.+)\]$/.exec(rest);
        subgraphs.add(bracket ? bracket[1]! : rest.replace(/\s+/g, "_").replace(/[^\w]/g, ""));
        depth++;
        return undefined;
      }
      if (text === "end") {
        depth = Math.max(0, depth - 1);
        return undefined;
      }
      const read = readFlowEdgeLine(text);
      for (const node of read.nodes) {
        nodes.add(node.id);
        if (node.className) classUses.push({ name: node.className, line });
      }
      const first = read.nodes[0]?.id;
      if (first && FLOWCHART_KEYWORDS.has(first) && first === /^[\w-]+/.exec(text)?.[0]) {
        const drawn = `${RENDERER} would draw a box labelled "${first}"`;
        const form = FLOWCHART_FORMS[first.toLowerCase()];
        if (form) return `${RENDERER} reads \`${first}\` only as ${form}; written like this it would draw a box labelled "${first}"`;
        if (first === "direction") return `\`direction\` is read only inside a \`subgraph\` (here ${drawn}): set the whole chart's direction in its header, \`flowchart LR\``;
        if (first === "end") return `\`end\` closes a subgraph only alone on its line, without \`;\` (here ${drawn})`;
        return `${keywordProblem(text, "flowchart") ?? `\`${first}\` is a Mermaid keyword, not a node`} (${drawn})`;
      }
      if (read.rest === "" || read.rest === ";") return undefined;
      const hyphenated = read.nodes.find((node) => node.id.endsWith("-"));
      if (hyphenated) return `put spaces around arrows (\`A --> B\`): node ids may contain \`-\`, so ${RENDERER} reads \`${hyphenated.id}\` as a node and would draw a box labelled "${hyphenated.id}", leaving \`${clip(read.rest)}\` out`;
      if (read.nodes.length === 0) return `${RENDERER} does not read \`${clip(text)}\` as a node, an edge or a statement, and would leave it out: write one node or edge per line, starting with a node id (\`A[Label] --> B\`)`;
      return `${RENDERER} stops reading this line before \`${clip(read.rest)}\`, which would be left out: write one node or edge per line (\`A[Label] -->|label| B\`), with no \`]\`, \`)\`, \`}\` or \`|\` inside a label`;
    },
    finish() {
      const found: UnsupportedStatement[] = [];
      for (const target of targets) {
        const id = target.ids.find((candidate) => !nodes.has(candidate));
        if (id === undefined) continue;
        const problem = subgraphs.has(id)
          ? `\`${target.keyword}\` on a subgraph is not applied: ${RENDERER} draws subgraphs in the site's colours. Remove \`${id}\` from the line`
          : `\`${id}\` is no node of this diagram, so this \`${target.keyword}\` changes nothing: check the id`;
        found.push({ line: target.line, problem });
      }
      for (const use of classUses) {
        if (!classDefs.has(use.name)) found.push({ line: use.line, problem: `there is no \`classDef ${use.name} …\`, so the class \`${use.name}\` changes nothing: define it, or remove it` });
      }
      return found;
    },
  };
}

/** Words Mermaid reserves in flowcharts: a line starting with one that is not read as its statement would be drawn as a box with that word. */
const FLOWCHART_KEYWORDS: ReadonlySet<string> = new Set(["click", "call", "callback", "href", "style", "classDef", "class", "linkStyle", "subgraph", "direction", "end", "accTitle", "accDescr"]);

/** How beautiful-mermaid reads each flowchart statement it knows, for when one is written another way. */
const FLOWCHART_FORMS: Readonly<Record<string, string>> = {
  style: "`style A,B fill:#f00,stroke:#333` (node ids separated by commas without spaces)",
  classdef: "`classDef name fill:#f00,stroke:#333`",
  class: "`class A,B name` (node ids separated by commas without spaces, one class name, no `;`)",
  linkstyle: "`linkStyle 0,2 stroke:#f00` or `linkStyle default stroke:#f00`",
  subgraph: "`subgraph Title` or `subgraph id [Title]`",
};

// ---------------------------------------------------------------------------
// State diagrams: beautiful-mermaid src/parser.ts, parseStateDiagram.

function stateChecker(): Checker {
  // The renderer keeps a state's first text: a description after the state is drawn (by a transition or another description) is dropped.
  const states = new Set<string>();
  const composites = new Set<string>();
  const late = (id: string) => `the state \`${id}\` is already drawn by an earlier line, and ${RENDERER} keeps a state's first text, so this one would be left out: describe the state once, before its first transition`;
  return {
    check(text) {
      const composite = /^state\s+(?:"([^"]+)"\s+as\s+)?([\w\p{L}]+)\s*\{$/u.exec(text);
      if (composite) {
        composites.add(composite[2]!);
        states.delete(composite[2]!);
        return undefined;
      }
      const alias = /^state\s+"([^"]+)"\s+as\s+([\w\p{L}]+)\s*$/u.exec(text);
      if (alias) {
        if (states.has(alias[2]!)) return late(alias[2]!);
        states.add(alias[2]!);
        return undefined;
      }
      const transition = /^(\[\*\]|[\w\p{L}-]+)\s*(-->)\s*(\[\*\]|[\w\p{L}-]+)(?:\s*:\s*(.+))?$/u.exec(text);
      if (transition) {
        for (const id of [transition[1]!, transition[3]!]) if (id !== "[*]" && !composites.has(id)) states.add(id);
        return undefined;
      }
      const described = /^([\w\p{L}-]+)\s*:\s*(.+)$/u.exec(text);
      if (described && !text.startsWith(`${described[1]}:::`)) {
        if (states.has(described[1]!)) return late(described[1]!);
        states.add(described[1]!);
        return undefined;
      }
      if (DIRECTION.test(text)) return undefined;
      const linkStyle = LINK_STYLE.exec(text);
      if (linkStyle) return styleProblem(linkStyle[2]!, LINK_STYLE_PROPERTIES, "transitions");
      if (/^state\s+(?:"([^"]+)"\s+as\s+)?([\w\p{L}]+)\s*\{$/u.test(text)) return undefined;
      if (text === "}") return undefined;
      if (/^state\s+"([^"]+)"\s+as\s+([\w\p{L}]+)\s*$/u.test(text)) return undefined;
      if (/^(\[\*\]|[\w\p{L}-]+)\s*(-->)\s*(\[\*\]|[\w\p{L}-]+)(?:\s*:\s*(.+))?$/u.test(text)) return undefined;
      const description = /^([\w\p{L}-]+)\s*:\s*(.+)$/u.exec(text);
      if (description) {
        // `A:::done` reads as the state A described as "::done".
        if (text.startsWith(`${description[1]}:::`)) return `the \`:::\` class shorthand is not supported in state diagrams: ${RENDERER} would draw "${clip(description[2]!)}" as the state's text. Remove \`:::${/^:::(\S*)/.exec(text.slice(description[1]!.length))?.[1] ?? ""}\``;
        return undefined;
      }
      const keyword = keywordProblem(text, "state");
      if (keyword) return keyword;
      if (/^state\s/.test(text)) return `${RENDERER} reads \`state\` only as \`state "Text" as id\` or \`state id {\` … \`}\` (no \`<<fork>>\`, \`<<join>>\` or \`<<choice>>\`), and would leave this line out`;
      if (/^--$/.test(text)) return "concurrent regions (`--`) are not supported: split the composite state into two";
      return `${RENDERER} does not read \`${clip(text)}\` and would leave it out: state diagrams take \`A --> B: label\`, \`A: text\`, \`state "Text" as A\`, \`state A {\` … \`}\`, \`direction LR\` and \`linkStyle\``;
    },
    finish: () => [],
  };
}

// ---------------------------------------------------------------------------
// Sequence diagrams: beautiful-mermaid src/sequence/parser.ts.

const SEQUENCE_BLOCK = /^(loop|alt|opt|par|critical|break|rect)\s*(.*)$/;
const SEQUENCE_DIVIDER = /^(else|and)\s*(.*)$/;
const SEQUENCE_MESSAGES: readonly RegExp[] = [
  /^(\S+?)\s*(--?>?>|--?[)x]|--?>>|--?>)\s*([+-]?)(\S+?)\s*:\s*(.+)$/,
  /^(\S+?)\s*(->>|-->>|-\)|--\)|-x|--x|->|-->)\s*([+-]?)(\S+?)\s*:\s*(.+)$/,
];

function sequenceChecker(): Checker {
  let open = 0;
  let messages = 0;
  return {
    check(text) {
      if (/^(participant|actor)\s+(\S+?)(?:\s+as\s+(.+))?$/.test(text)) return undefined;
      // The renderer places a note after the message before it: one before the first message is not drawn.
      if (/^Note\s+(left of|right of|over)\s+([^:]+):\s*(.+)$/i.test(text)) return messages > 0 ? undefined : `a note before the first message is not drawn by ${RENDERER}: move it after a message`;
      // `participant "A B"` would otherwise read as a `par` block.
      if (/^(participant|actor)\b/.test(text)) return `${RENDERER} reads \`${/^\w+/.exec(text)![0]}\` only as \`participant id\` or \`participant id as Name\` (an id without spaces or quotes), and would not draw this line as written`;
      const block = SEQUENCE_BLOCK.exec(text);
      if (block) {
        // The renderer's pattern has no word boundary: `optimizer->>B: x` opens an `opt` block labelled "imizer->>B: x".
        if (block[2] !== "" && !/^\s/.test(text.slice(block[1]!.length))) return misreadAsKeyword(text, block[1]!);
        if (block[1] === "rect") return `\`rect\` (a coloured background) is not supported: ${RENDERER} would draw a frame labelled "rect [${clip(block[2]!)}]". Remove the \`rect\` line and its \`end\``;
        open++;
        return undefined;
      }
      const divider = SEQUENCE_DIVIDER.exec(text);
      if (divider && open > 0) {
        if (divider[2] !== "" && !/^\s/.test(text.slice(divider[1]!.length))) return misreadAsKeyword(text, divider[1]!);
        return undefined;
      }
      if (text === "end" && open > 0) {
        open--;
        return undefined;
      }
      for (const pattern of SEQUENCE_MESSAGES) {
        const message = pattern.exec(text);
        if (!message) continue;
        // `A<<->>B` (both ways) reads as a participant "A<<".
        if (/[<>]$/.test(message[1]!)) return `two-way arrows (\`<<->>\`, \`<<-->>\`) are not supported: ${RENDERER} would draw a participant "${message[1]}". Write two messages`;
        messages++;
        return undefined;
      }
      const keyword = keywordProblem(text, "sequence");
      if (keyword) return keyword;
      if (text === "end") return "this `end` closes no `loop`, `alt`, `opt`, `par`, `critical` or `break`: remove it";
      if (/^\S+?\s*(?:<<)?--?(?:>>|>|x|\))/.test(text)) return `a message needs its text after a colon, \`A->>B: text\`: ${RENDERER} would leave this one out`;
      return `${RENDERER} does not read \`${clip(text)}\` and would leave it out: sequence diagrams take \`participant\`, \`actor\`, messages (\`A->>B: text\`), \`Note\`, \`loop\`, \`alt\`/\`else\`, \`opt\`, \`par\`/\`and\`, \`critical\`, \`break\` and \`end\``;
    },
    finish: () => [],
  };
}

function misreadAsKeyword(text: string, keyword: string): string {
  const name = /^\S+?(?=\s|-|$)/.exec(text)?.[0] ?? keyword;
  return `${RENDERER} reads a line starting with "${keyword}" as \`${keyword}\`, so \`${clip(text)}\` would open a \`${keyword}\` block instead: give "${name}" a short id, \`participant P as ${name}\`, and use \`P\` in messages`;
}

// ---------------------------------------------------------------------------
// Class diagrams: beautiful-mermaid src/class/parser.ts.

const CLASS_RELATIONSHIP = /^(\S+?)\s+(?:"([^"]*?)"\s+)?(<\|--|<\|\.\.|\*--|o--|-->|--\*|--o|--\|>|\.\.>|\.\.\|>|<--|<\.\.?|--)\s+(?:"([^"]*?)"\s+)?(\S+?)(?:\s*:\s*(.+))?$/;
const CLASS_ARROWS: ReadonlySet<string> = new Set(["<|--", "--|>", "<|..", "..|>", "*--", "--*", "o--", "--o", "-->", "<--", "..>", "<..", "--"]);

/** A class id the renderer would draw as written but Mermaid means otherwise: `A:::style`, `A["Label"]`. */
function classIdProblem(id: string): string | undefined {
  if (id.includes(":::")) return `the \`:::\` class shorthand is not supported in class diagrams: ${RENDERER} would draw a class named "${id}". Remove \`:::${id.split(":::")[1]}\``;
  if (/[["]/.test(id)) return `class labels (\`Id["Label"]\`) are not supported: ${RENDERER} would draw a class named "${id}". Name the class with the text you want drawn`;
  return undefined;
}

function classChecker(): Checker {
  let inClass = false;
  let inNamespace = false;
  return {
    check(text) {
      if (inClass) {
        // Every line of a class body is drawn as a member, as written.
        if (text === "}") inClass = false;
        return undefined;
      }
      if (/^namespace\s+(\S+)\s*\{$/.test(text)) {
        inNamespace = true;
        return undefined;
      }
      if (text === "}" && inNamespace) {
        inNamespace = false;
        return undefined;
      }
      const declaration = /^class\s+(\S+?)(?:\s*~(\w+)~)?\s*\{$/.exec(text) ?? /^class\s+(\S+?)(?:\s*~(\w+)~)?\s*$/.exec(text);
      if (declaration) {
        if (text.endsWith("{")) inClass = true;
        return classIdProblem(declaration[1]!);
      }
      const annotated = /^class\s+(\S+?)\s*\{\s*<<(\w+)>>\s*\}$/.exec(text);
      if (annotated) return classIdProblem(annotated[1]!);
      const member = /^(\S+?)\s*:\s*(.+)$/.exec(text);
      if (member && !/<\|--|--|\*--|o--|-->|\.\.>|\.\.\|>/.test(member[2]!)) return classIdProblem(member[1]!);
      const relationship = CLASS_RELATIONSHIP.exec(text);
      if (relationship && CLASS_ARROWS.has(relationship[3]!)) return classIdProblem(relationship[1]!) ?? classIdProblem(relationship[5]!);
      if (/^class\s/.test(text)) return `${RENDERER} reads \`class\` only as \`class Name\`, \`class Name~T~\` or \`class Name {\`; class labels (\`Id["Label"]\`) and styles are not supported, so it would not draw this line as written`;
      const keyword = keywordProblem(text, "class");
      if (keyword) return keyword;
      if (text === "}") return undefined;
      if (/^<<\w+>>/.test(text)) return "an annotation on its own line is not drawn: put it inside the class body, `class Shape {`, `<<interface>>`, `}`";
      if (/^\S+?\s*(?:"[^"]*"\s*)?(?:<\||\*|o|<)?(?:--|\.\.)(?:\|>|>|\*|o)?/.test(text)) return `${RENDERER} reads a relationship only with spaces around the arrow and one of \`<|--\`, \`*--\`, \`o--\`, \`-->\`, \`--\`, \`..>\`, \`..|>\` (or the same reversed), \`A "1" --> "*" B : label\`; it would leave this line out`;
      return `${RENDERER} does not read \`${clip(text)}\` and would leave it out: class diagrams take \`class Name {\` … \`}\`, \`Name : member\`, relationships (\`A <|-- B : label\`) and \`namespace Name {\` … \`}\``;
    },
    finish: () => [],
  };
}

// ---------------------------------------------------------------------------
// ER diagrams: beautiful-mermaid src/er/parser.ts.

function erChecker(): Checker {
  let inEntity = false;
  const entityProblem = (id: string) => (/[["]/.test(id) ? `entity aliases and quoted names (\`${clip(id)}\`) are not supported: ${RENDERER} would draw "${id}". Name the entity with one word` : undefined);
  return {
    check(text) {
      if (inEntity) {
        if (text === "}") {
          inEntity = false;
          return undefined;
        }
        const attribute = /^(\S+)\s+(\S+)(?:\s+(.+))?$/.exec(text);
        if (!attribute) return `an attribute needs a type and a name, \`string name\`: ${RENDERER} would leave \`${clip(text)}\` out`;
        const comment = /"[^"]*"/.exec(attribute[3] ?? "");
        if (comment) return `attribute comments (${clip(comment[0])}) are not drawn: ${RENDERER} shows them only as a tooltip, which the blog does not publish. Remove it, or say it in the article`;
        const rest = (attribute[3] ?? "").trim();
        const lost = rest.split(/\s+/).find((part) => part !== "" && !["PK", "FK", "UK"].includes(part.toUpperCase()));
        if (lost) return `${RENDERER} draws after an attribute's name only the keys \`PK\`, \`FK\`, \`UK\` separated by spaces, so \`${clip(lost)}\` would be left out: write \`${attribute[1]} ${attribute[2]} PK FK\``;
        return undefined;
      }
      const block = /^(\S+)\s*\{$/.exec(text);
      if (block) {
        inEntity = true;
        return entityProblem(block[1]!);
      }
      const relationship = /^(\S+)\s+([|o}{]+(?:--|\.\.)[|o}{]+)\s+(\S+)\s*:\s*(.+)$/.exec(text);
      if (relationship) {
        const sides = /^([|o}{]+)(--|\.\.?)([|o}{]+)$/.exec(relationship[2]!);
        if (sides && isCardinality(sides[1]!) && isCardinality(sides[3]!)) return entityProblem(relationship[1]!) ?? entityProblem(relationship[3]!);
        return `\`${relationship[2]}\` is not a relationship ${RENDERER} reads, and it would leave the line out: write each end as \`||\`, \`|o\`, \`}|\` or \`}o\` (mirrored on the right), \`CUSTOMER ||--o{ ORDER : places\``;
      }
      const keyword = keywordProblem(text, "er");
      if (keyword) return keyword;
      if (/^\S+$/.test(text)) return `an entity on its own is not drawn: give it attributes (\`${clip(text)} {\` … \`}\`) or use it in a relationship`;
      return `${RENDERER} does not read \`${clip(text)}\` and would leave it out: ER diagrams take relationships with symbols and a label (\`CUSTOMER ||--o{ ORDER : places\`) and entities with attributes (\`CUSTOMER {\` … \`}\`)`;
    },
    finish: () => [],
  };
}

/** The renderer's parseCardinality: two symbols in either order. */
function isCardinality(symbols: string): boolean {
  return ["||", "o|", "|}", "{|", "{o", "o{"].includes([...symbols].sort().join(""));
}

// ---------------------------------------------------------------------------

/** What the renderer's `decodeXML` (npm entities) does first: the five XML entities and numeric references, each with its `;`. */
export function decodeXml(text: string): string {
  const named: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d+)|#[xX]([0-9a-fA-F]+));/g, (_, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (name) return named[name]!;
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(code);
  });
}

/** A statement as quoted in a message: short enough to read on one line. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
