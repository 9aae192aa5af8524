import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DiagramError, readDiagramSource, renderDiagram } from "../../src/diagrams.ts";
import { RENDERED_FENCE_LANGUAGES } from "../../src/highlight.ts";
import { createMarkdown } from "../../src/markdown.ts";
import { projectRoot } from "../helpers/site.ts";

/**
 * ```mermaid fences: the one fence language rendered as something other than
 * code (RENDERED_FENCE_LANGUAGES), so the code-sample property test skips it
 * and these tests cover it.
 */
const md = createMarkdown();
md.enable("code");

const FLOWCHART = "flowchart LR\n  A[Write <script>alert(1)</script>] --> B{Build & check}\n  B -->|clean| C[Deploy]\n  B -.->|errors| A\n";
const SEQUENCE = "sequenceDiagram\n  participant R as Reader\n  participant S as Server\n  R->>S: GET /feed.xml\n  S-->>R: 200 <b>OK</b>\n";
const fence = (source: string, info = "mermaid") => "```" + info + "\n" + source + "```\n";

let folder: string;
let postFile: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "diagrams-"));
  await mkdir(join(folder, "posts"));
  postFile = join(folder, "posts", "post.md");
});
afterAll(() => rm(folder, { recursive: true, force: true }));

function render(markdown: string, inputPath = "./posts/post.md"): Document {
  return parseHTML(`<!doctype html><html><body>${md.render(markdown, { page: { inputPath } })}</body></html>`).document as unknown as Document;
}

const textsOf = (svg: Element) => [...svg.querySelectorAll("text")].map((text) => text.textContent);

describe("a ```mermaid fence", () => {
  test("is listed as a rendered fence language", () => {
    expect(RENDERED_FENCE_LANGUAGES).toContain("mermaid");
  });

  test("a flowchart becomes an inline SVG whose labels are text, markup in them included", () => {
    const document = render(fence(FLOWCHART));
    const svg = document.querySelector("figure.diagram svg")!;
    expect(svg).not.toBeNull();
    expect(textsOf(svg)).toEqual(expect.arrayContaining(["Write <script>alert(1)</script>", "Build & check", "Deploy", "clean", "errors"]));
    expect(document.querySelectorAll("script, b").length).toBe(0);
    expect(svg.getAttribute("viewBox")).toMatch(/^0 0 [\d.]+ [\d.]+$/);
  });

  test("a sequence diagram becomes an inline SVG with its participants and messages as text", () => {
    const svg = render(fence(SEQUENCE)).querySelector("figure.diagram svg")!;
    expect(textsOf(svg)).toEqual(expect.arrayContaining(["Reader", "Server", "GET /feed.xml"]));
    // `<b>` in a message is drawn bold by beautiful-mermaid: a <tspan>, never an HTML element.
    expect([...svg.querySelectorAll("text")].some((text) => text.textContent === "200 OK")).toBe(true);
  });

  test("is an image named by its <title> and described by its <desc>", () => {
    const svg = render(fence(FLOWCHART)).querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    const title = svg.querySelector(`[id="${svg.getAttribute("aria-labelledby")}"]`)!;
    const desc = svg.querySelector(`[id="${svg.getAttribute("aria-describedby")}"]`)!;
    expect([title.tagName.toLowerCase(), title.textContent]).toEqual(["title", "Flowchart"]);
    expect(desc.tagName.toLowerCase()).toBe("desc");
    expect(desc.textContent).toBe("Flowchart: Write <script>alert(1)</script> → Build & check; Build & check → Deploy (clean); Build & check → Write <script>alert(1)</script> (errors).");
  });

  test("accTitle and accDescr give the title and description, and are not drawn as nodes", () => {
    const svg = render(fence("flowchart TD\n  accTitle: Release flow\n  accDescr {\n    From a commit\n    to production.\n  }\n  A --> B\n")).querySelector("svg")!;
    expect(svg.querySelector("title")!.textContent).toBe("Release flow");
    expect(svg.querySelector("desc")!.textContent).toBe("From a commit to production.");
    expect(textsOf(svg)).toEqual(["A", "B"]);
  });

  test("its source follows in a <details>, as code that is text", () => {
    const figure = render(fence(FLOWCHART)).querySelector("figure.diagram")!;
    const code = figure.querySelector("details.diagram-source code")!;
    expect(code.textContent).toBe(FLOWCHART);
    expect(figure.querySelector(".diagram-scroll")!.getAttribute("tabindex")).toBe("0");
  });

  test("no style attribute, <style> element, or colour that needs the renderer's stylesheet, anywhere", () => {
    const document = render(fence(FLOWCHART) + fence(SEQUENCE) + fence("classDiagram\n  Animal <|-- Duck\n  Animal: +int age\n") + fence("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n") + fence("stateDiagram-v2\n  [*] --> Idle\n  Idle --> Busy: start\n"));
    expect(document.querySelectorAll("svg").length).toBe(5);
    expect(document.querySelectorAll("style, [style], foreignObject, script").length).toBe(0);
    for (const element of document.querySelectorAll("svg, svg *")) {
      for (const { name, value } of element.attributes) {
        expect(value, `${element.tagName} ${name}`).not.toMatch(/var\(|url\((?!#)/);
        expect(name, element.tagName).not.toMatch(/^(?:on|data-|style$)/);
      }
    }
  });

  test("every class that colours a diagram has a rule in public/styles.css (light and dark come from its variables)", async () => {
    const css = await readFile(join(projectRoot, "public/styles.css"), "utf8");
    const document = render(fence(FLOWCHART) + fence(SEQUENCE) + fence("classDiagram\n  Animal <|-- Duck\n") + fence("erDiagram\n  A ||--o{ B : has\n"));
    const classes = new Set([...document.querySelectorAll("svg [class]")].flatMap((element) => element.getAttribute("class")!.split(" ")).filter((name) => /^diagram-(?:fill|stroke)-/.test(name)));
    expect(classes.size).toBeGreaterThan(5);
    for (const name of classes) expect(css, name).toContain(`.${name}`);
  });

  test("two diagrams on one page share no id, and every url(#…) points into its own SVG", () => {
    const document = render(fence(FLOWCHART) + "\nText.\n\n" + fence(FLOWCHART) + fence(SEQUENCE));
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.getAttribute("id"));
    expect(ids.length).toBeGreaterThan(6);
    expect(new Set(ids).size).toBe(ids.length);
    for (const svg of document.querySelectorAll("svg")) {
      const own = new Set([...svg.querySelectorAll("[id]")].map((element) => element.getAttribute("id")));
      const references = [...svg.querySelectorAll("[marker-end], [marker-start]")].map((element) => /^url\(#(.+)\)$/.exec(element.getAttribute("marker-end") ?? element.getAttribute("marker-start")!)?.[1]);
      expect(references.length).toBeGreaterThan(0);
      for (const reference of references) expect(own.has(reference!), reference).toBe(true);
    }
  });

  test("the same diagram gets the same ids on every build (reproducible output)", () => {
    expect(md.render(fence(FLOWCHART), { page: { inputPath: "./posts/post.md" } })).toBe(md.render(fence(FLOWCHART), { page: { inputPath: "./posts/post.md" } }));
  });

  test("wide diagrams get a minimum width, so they scroll instead of shrinking their labels away", () => {
    const wide = "flowchart LR\n  A[A first long step] --> B[A second long step] --> C[A third long step] --> D[A fourth long step] --> E[The end]\n";
    const svg = render(fence(wide)).querySelector("svg")!;
    expect(svg.getAttribute("class")).toMatch(/\bdiagram-min-\d+\b/);
    expect(render(fence("flowchart TD\n  A --> B\n")).querySelector("svg")!.getAttribute("class")).toBe("diagram-svg");
  });

  test("other fences that mention Mermaid stay code", () => {
    const document = render(fence("flowchart LR\n  A --> B\n", "text") + fence("+flowchart LR\n", "diff-mermaid"));
    expect(document.querySelectorAll("svg").length).toBe(0);
    expect(document.querySelectorAll("pre code").length).toBe(2);
  });
});

describe("a diagram that cannot be drawn stops the build", () => {
  test("an unknown header: the error names the post file and the fence's line, and the fix", async () => {
    // The body Eleventy renders is the file after its front matter: here from line 5, so the fence is on line 8.
    const body = "\nIntro.\n\n" + fence("this is not mermaid\n");
    await writeFile(postFile, "---\ntitle: Broken\ndate: 2024-01-01\n---\n" + body);
    expect(() => render(body, postFile)).toThrow(`${postFile}:8  this Mermaid diagram cannot be drawn`);
    expect(() => render(body, postFile)).toThrow(/not supported: start the diagram with flowchart/);
  });

  test("an empty fence, a header with nothing to draw, an unsupported kind", () => {
    expect(() => render(fence(""))).toThrow(/posts\/post\.md:1  .*the diagram is empty/);
    expect(() => render("# Title\n\n" + fence("flowchart LR\n"))).toThrow(/posts\/post\.md:3  .*without a single label/);
    expect(() => render(fence('xychart-beta\n  x-axis [a, b]\n  bar [1, 2]\n'))).toThrow(/"xychart-beta" diagrams are not supported/);
  });

  test("the pure renderer throws DiagramError", () => {
    expect(() => renderDiagram("sequenceDiagram\n", "d")).toThrow(DiagramError);
    expect(() => readDiagramSource("flowchart LR\n  accDescr {\n  never closed\n")).toThrow(/no closing/);
  });
});
