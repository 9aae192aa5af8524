import { renderMermaidSVG } from "beautiful-mermaid";
import { DOMParser } from "linkedom";
import { findUnsupportedStatements, type DiagramType } from "./diagram-statements.ts";

/**
 * Mermaid diagrams as inline SVG, drawn at build time by beautiful-mermaid
 * (synchronous, no DOM: https://github.com/lukilabs/beautiful-mermaid), then
 * rewritten for this site:
 *
 * - its `<style>` (which `@import`s a font from Google: another origin) and its
 *   `style="--bg:…"` go; its colours are `var(--_line)`-style references to
 *   that stylesheet, so each becomes a class (`diagram-stroke-line`) coloured
 *   from public/styles.css in light and dark, plus a presentation attribute
 *   (`currentColor` or `none`) that keeps the drawing readable where our
 *   stylesheet is absent (feed readers);
 * - ids get a prefix unique to the diagram, so two diagrams on one page never
 *   share a marker id;
 * - only the elements and attributes it is known to write are kept, so a label
 *   is always text, never markup;
 * - the SVG is an image (`role="img"`) named by a `<title>` and described by a
 *   `<desc>`: Mermaid's own `accTitle:` / `accDescr:` lines when the author
 *   wrote them, else the diagram's kind and its relations, read from the
 *   renderer's `data-*` attributes before they are removed.
 */

/** Something wrong with a diagram as written: the Markdown plugin adds the file and line. */
export class DiagramError extends Error {
  constructor(
    message: string,
    /** The 0-based line of the fence's text the problem is on, when it is on one. */
    readonly line?: number,
    /** Further lines (0-based, in the fence's text) with the same kind of problem. */
    readonly alsoAt: readonly number[] = [],
    /** A statement the renderer would not draw as written, rather than a diagram it cannot draw at all. */
    readonly statement = false,
  ) {
    super(message);
  }
}

/** What a fence's Mermaid source says, with Mermaid's accessibility lines taken out (beautiful-mermaid would draw them as nodes). */
export interface DiagramSource {
  /** The Mermaid text handed to the renderer: the fence's lines, with comments and the lines read here blank, so line numbers stay the fence's. */
  body: string;
  /** Which of beautiful-mermaid's parsers reads it. */
  type: DiagramType;
  /** "Flowchart", "Sequence diagram"…, from the header line. */
  kind: string;
  /** `accTitle: …` https://mermaid.js.org/config/accessibility.html */
  title?: string;
  /** `accDescr: …` or `accDescr { … }` */
  description?: string;
}

/**
 * Headers beautiful-mermaid 1.1 draws without a stylesheet of its own, as its
 * src/index.ts detectDiagramType and the parsers accept them (alone on the
 * line; a flowchart with its direction), and what to call each.
 */
const KINDS: ReadonlyArray<{ word: RegExp; header: RegExp; form: string; type: DiagramType; kind: string }> = [
  { word: /^(?:graph|flowchart)$/i, header: /^(?:graph|flowchart)\s+(?:TD|TB|LR|BT|RL)$/i, form: "`flowchart LR` (or TD, TB, BT, RL)", type: "flowchart", kind: "Flowchart" },
  { word: /^sequenceDiagram$/, header: /^sequenceDiagram$/, form: "`sequenceDiagram`", type: "sequence", kind: "Sequence diagram" },
  { word: /^stateDiagram(?:-v2)?$/, header: /^stateDiagram(?:-v2)?$/, form: "`stateDiagram-v2`", type: "state", kind: "State diagram" },
  { word: /^classDiagram$/, header: /^classDiagram$/, form: "`classDiagram`", type: "class", kind: "Class diagram" },
  { word: /^erDiagram$/, header: /^erDiagram$/, form: "`erDiagram`", type: "er", kind: "Entity relationship diagram" },
];

export function readDiagramSource(source: string): DiagramSource {
  let title: string | undefined;
  let description: string | undefined;
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const kept = [...lines];
  // The fence's lines without the ones read here: what the statement check reads (comments and directives included).
  const statements = [...lines];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const single = /^\s*(accTitle|accDescr)\s*:\s*(.*?)\s*$/.exec(line);
    if (single) {
      if (single[1] === "accTitle") title = single[2];
      else description = single[2];
      kept[i] = statements[i] = "";
      continue;
    }
    if (/^\s*accDescr\s*\{\s*$/.test(line)) {
      const end = lines.findIndex((candidate, index) => index > i && /^\s*\}\s*$/.test(candidate));
      if (end === -1) throw new DiagramError("`accDescr {` has no closing `}` line: close the description with a line holding only `}`", i);
      description = lines.slice(i + 1, end).map((text) => text.trim()).join(" ").trim();
      kept.fill("", i, end + 1);
      statements.fill("", i, end + 1);
      i = end;
      continue;
    }
    // The renderer skips comments too, but finds the kind on the first line of the text, comment or not.
    if (line.trim().startsWith("%%")) kept[i] = "";
  }
  const header = kept.findIndex((line) => line.trim() !== "");
  const headerText = kept[header]?.trim() ?? "";
  if (header === -1) throw new DiagramError("the diagram is empty: write a Mermaid diagram, starting with a header such as `flowchart LR` or `sequenceDiagram`");
  const word = headerText.split(/[\s;]+/)[0]!;
  const known = KINDS.find((candidate) => candidate.word.test(word));
  if (headerText === "---") throw new DiagramError("Mermaid front matter (`---` … `---`: a title or config) is not supported: remove it, and name the diagram with `accTitle: …`", header);
  if (!known) throw new DiagramError(`"${word}" diagrams are not supported: start the diagram with flowchart (or graph), sequenceDiagram, stateDiagram-v2, classDiagram or erDiagram`, header);
  if (!known.header.test(headerText)) throw new DiagramError(`the header \`${headerText}\` is not one beautiful-mermaid reads: write ${known.form} alone on the first line, and each statement on a line of its own`, header);
  const unsupported = findUnsupportedStatements(statements, known.type, header);
  if (unsupported.length > 0) {
    const [first, ...others] = unsupported;
    throw new DiagramError(first!.problem, first!.line, [...new Set(others.map((other) => other.line))], true);
  }
  return { body: kept.join("\n"), type: known.type, kind: known.kind, ...(title ? { title } : {}), ...(description ? { description } : {}) };
}

/** A diagram ready for the page. */
export interface RenderedDiagram {
  /** The `<svg>` element, with `<title>` and `<desc>`. */
  svg: string;
  title: string;
  description: string;
  /** Every text label drawn, in document order. */
  labels: string[];
}

/** Elements beautiful-mermaid writes for the supported kinds; anything else is refused rather than passed through. */
const ELEMENTS: ReadonlySet<string> = new Set(["svg", "g", "defs", "marker", "polygon", "polyline", "line", "path", "rect", "circle", "ellipse", "text", "tspan"]);

/** Attributes kept as written (geometry, markers, text layout and presentation). */
const ATTRIBUTES: ReadonlySet<string> = new Set([
  "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "d", "points",
  "markerWidth", "markerHeight", "refX", "refY", "orient", "markerUnits",
  "fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-linejoin", "stroke-linecap", "opacity", "fill-opacity", "stroke-opacity",
  "marker-start", "marker-end", "marker-mid", "transform",
  "text-anchor", "dominant-baseline", "font-size", "font-weight", "font-style", "text-decoration", "letter-spacing",
]);

/**
 * The renderer's colour variables (its `<style>` derives them from --bg and
 * --fg), by the role each plays. The class carries the colour on the page;
 * the fallback is what a reader without our stylesheet sees.
 */
const COLOUR_ROLES: Readonly<Record<string, { role: string; fallback: "currentColor" | "none" }>> = {
  "--fg": { role: "text", fallback: "currentColor" },
  "--_text": { role: "text", fallback: "currentColor" },
  "--_text-sec": { role: "text-secondary", fallback: "currentColor" },
  "--_text-muted": { role: "text-muted", fallback: "currentColor" },
  "--_text-faint": { role: "text-faint", fallback: "currentColor" },
  "--_line": { role: "line", fallback: "currentColor" },
  "--_arrow": { role: "arrow", fallback: "currentColor" },
  "--_node-stroke": { role: "node-stroke", fallback: "currentColor" },
  "--_inner-stroke": { role: "inner-stroke", fallback: "currentColor" },
  "--_node-fill": { role: "node-fill", fallback: "none" },
  "--_group-fill": { role: "background", fallback: "none" },
  "--bg": { role: "background", fallback: "none" },
  "--_group-hdr": { role: "group-header", fallback: "none" },
  "--_key-badge": { role: "key-badge", fallback: "none" },
};

/** Diagrams wider than this many px would shrink their labels below 60 % on a narrow screen: they get a minimum width and scroll. */
const MIN_SCALE = 0.6;

/**
 * Renders Mermaid source to the SVG the page shows. `idPrefix` must be unique
 * on the page (and a valid id start); every id inside becomes `<idPrefix>-…`.
 * Throws DiagramError when the source cannot be drawn or draws nothing legible.
 */
export function renderDiagram(source: string, idPrefix: string): RenderedDiagram {
  const diagram = readDiagramSource(source);
  let raw: string;
  try {
    // transparent: the page's background shows through; colours come from the stylesheet.
    raw = renderMermaidSVG(diagram.body, { transparent: true });
  } catch (error) {
    throw new DiagramError(`Mermaid could not draw it: ${error instanceof Error ? error.message : String(error)}`);
  }
  // linkedom types its nodes its own way; the standard DOM types describe what it implements here.
  const document = new DOMParser().parseFromString(raw, "image/svg+xml") as unknown as Document;
  const svg = document.documentElement;
  if (!svg || svg.tagName !== "svg") throw new DiagramError("Mermaid drew no SVG");
  for (const style of [...svg.querySelectorAll("style")]) style.remove();
  // An ER entity without attributes gets an italic "(no attributes)" row: text nobody wrote.
  if (diagram.type === "er") for (const text of [...svg.querySelectorAll('text[font-style="italic"]')]) if (text.textContent === "(no attributes)") text.remove();

  const description = diagram.description ?? describe(svg, diagram.kind);
  const ids = new Map<string, string>();
  for (const element of svg.querySelectorAll("[id]")) ids.set(element.getAttribute("id")!, `${idPrefix}-${element.getAttribute("id")}`);
  for (const element of [svg, ...svg.querySelectorAll("*")]) rewriteElement(element, ids);

  const labels = [...svg.querySelectorAll("text")].map((text) => (text.textContent ?? "").replace(/\s+/g, " ").trim()).filter(Boolean);
  if (labels.length === 0) throw new DiagramError("the diagram came out without a single label (is it only a header?): give it nodes or participants with names");

  const title = diagram.title ?? diagram.kind;
  const titleElement = document.createElement("title");
  titleElement.setAttribute("id", `${idPrefix}-title`);
  titleElement.textContent = title;
  const descElement = document.createElement("desc");
  descElement.setAttribute("id", `${idPrefix}-desc`);
  descElement.textContent = description;
  svg.prepend(titleElement, descElement);

  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", `${idPrefix}-title`);
  svg.setAttribute("aria-describedby", `${idPrefix}-desc`);
  svg.setAttribute("class", ["diagram-svg", minWidthClass(svg)].filter(Boolean).join(" "));
  return { svg: svg.toString(), title, description, labels };
}

/** `diagram-min-300`…`diagram-min-1200`: the width below which labels would be smaller than MIN_SCALE (classes in public/styles.css). */
function minWidthClass(svg: Element): string {
  const width = Number(svg.getAttribute("viewBox")?.split(/\s+/)[2] ?? svg.getAttribute("width"));
  const floor = Math.floor((width * MIN_SCALE) / 100) * 100;
  return Number.isFinite(floor) && floor >= 300 ? `diagram-min-${Math.min(floor, 1200)}` : "";
}

/** Keeps what is known, maps colours to classes and ids to prefixed ids; refuses what cannot be kept faithfully. */
function rewriteElement(element: Element, ids: ReadonlyMap<string, string>): void {
  const tag = element.tagName;
  if (!ELEMENTS.has(tag)) throw new DiagramError(`Mermaid drew a <${tag}> element, which the blog does not publish: simplify the diagram`);
  const classes = (element.getAttribute("class") ?? "").split(/\s+/).filter(Boolean).map((name) => `diagram-${name}`);
  const style = element.getAttribute("style") ?? "";
  for (const { name, value } of [...element.attributes]) {
    if (name === "xmlns" && tag === "svg") continue;
    element.removeAttribute(name);
    if (name === "id") element.setAttribute("id", ids.get(value) ?? value);
    else if (ATTRIBUTES.has(name)) setPresentation(element, name, value, ids, classes);
  }
  // Declarations in a style attribute become presentation attributes; custom properties (the theme) are dropped.
  for (const declaration of style.split(";")) {
    const [property = "", ...rest] = declaration.split(":");
    const name = property.trim();
    if (name && !name.startsWith("--") && ATTRIBUTES.has(name)) setPresentation(element, name, rest.join(":").trim(), ids, classes);
  }
  if (classes.length && tag !== "svg") element.setAttribute("class", [...new Set(classes)].join(" "));
}

function setPresentation(element: Element, name: string, value: string, ids: ReadonlyMap<string, string>, classes: string[]): void {
  const variable = /^var\((--[\w-]+)\)$/.exec(value.trim());
  if (variable) {
    const colour = COLOUR_ROLES[variable[1]!];
    if (!colour || (name !== "fill" && name !== "stroke")) throw new DiagramError(`Mermaid used the colour ${value} for ${name}, which the blog cannot theme: simplify the diagram`);
    classes.push(`diagram-${name}-${colour.role}`);
    element.setAttribute(name, colour.fallback);
    return;
  }
  if (value.includes("var(")) throw new DiagramError(`Mermaid used ${value} for ${name}, which the blog cannot theme: simplify the diagram`);
  const url = /^url\(#([^)]+)\)$/.exec(value.trim());
  if (url) {
    const id = ids.get(url[1]!);
    if (id) element.setAttribute(name, `url(#${id})`);
    return;
  }
  // Nothing else may point anywhere: no url() to another document.
  if (!/url\(/i.test(value)) element.setAttribute(name, value);
}

/**
 * A text alternative from what the renderer drew: "Flowchart: Write → Build;
 * Build → Publish (yes)." Node names come from the `data-label` of nodes,
 * actors, classes and entities; relations from edges and messages.
 */
function describe(svg: Element, kind: string): string {
  const names = new Map<string, string>();
  const read = (element: Element, name: string): string | null => {
    const value = element.getAttribute(name);
    return value === null ? null : decodeXmlEntities(value);
  };
  for (const element of svg.querySelectorAll("[data-id]")) {
    const id = read(element, "data-id")!;
    const label = read(element, "data-label") ?? "";
    names.set(id, label || ({ _start: "start", _end: "end" } as Record<string, string>)[id] || id);
  }
  const name = (id: string | null): string => (id ? names.get(id) ?? id : "?");
  const relations: string[] = [];
  for (const element of svg.querySelectorAll(".edge, .message, .class-relationship, .er-relationship")) {
    const from = read(element, "data-from") ?? read(element, "data-entity1");
    const to = read(element, "data-to") ?? read(element, "data-entity2");
    const label = read(element, "data-label") ?? read(element, "data-type");
    relations.push(`${name(from)} → ${name(to)}${label ? ` (${label})` : ""}`);
  }
  const parts = relations.length ? relations : [...new Set(names.values())];
  const shown = parts.length > 60 ? [...parts.slice(0, 60), `and ${parts.length - 60} more`] : parts;
  return shown.length ? `${kind}: ${shown.join("; ")}.` : `${kind}.`;
}

/** linkedom's XML parser leaves `&lt;`, `&gt;` and `&amp;` in attribute values as written; one pass, so `&amp;lt;` reads `&lt;`. */
function decodeXmlEntities(value: string): string {
  const named: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
  return value.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => named[name]!);
}
