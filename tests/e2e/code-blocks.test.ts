import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { eventually, noProblems, useSiteInBrowser } from "../helpers/browser.ts";
import { KITCHEN_SINK_URL } from "../helpers/kitchen-sink.ts";

/**
 * Code blocks as a reader meets them in Chromium: captions, marked and diff
 * lines across the whole block, the Copy button beside the caption (never over
 * the code) and, for a terminal session, copying the commands only. The page
 * is the kitchen-sink post of the site every browser test shares
 * (tests/e2e/global-setup.ts); the checks that list blocks read those of its
 * "Code blocks" section, the fragment tests/fixtures/kitchen-sink/code-blocks.md.
 * axe on this page, in both schemes, is in tests/e2e/accessibility.test.ts.
 */
const PATH = KITCHEN_SINK_URL;
/** Marks the blocks of the "Code blocks" section, up to the next h2, so selectors can name them: `[data-section="code-blocks"]`. */
async function markCodeBlocksSection(page: Page): Promise<void> {
  const marked = await page.evaluate(() => {
    const headings = [...document.querySelectorAll("article h2")];
    const start = headings.find((heading) => heading.textContent?.trim().startsWith("Code blocks"));
    if (!start) return 0;
    const end = headings[headings.indexOf(start) + 1];
    const inSection = (element: Element) => Boolean(start.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) && (!end || Boolean(end.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING));
    const blocks = [...document.querySelectorAll("figure.code-block, pre")].filter(inSection);
    for (const block of blocks) block.setAttribute("data-section", "code-blocks");
    return blocks.length;
  });
  expect(marked, "blocks in the kitchen-sink post's Code blocks section").toBeGreaterThan(0);
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Each Copy button's box, with the boxes of its block's <pre> and of every line of text in its code. */
function copyButtonsAndCode(page: Page) {
  return page.$$eval(".copy-button", (buttons) =>
    buttons.map((button) => {
      const pre = button.parentElement!.querySelector("pre")!;
      const range = document.createRange();
      range.selectNodeContents(pre.querySelector("code")!);
      const box = ({ left, top, right, bottom }: DOMRect) => ({ left, top, right, bottom });
      return { button: box(button.getBoundingClientRect()), pre: box(pre.getBoundingClientRect()), lines: [...range.getClientRects()].filter((rect) => rect.width > 0).map(box) };
    }),
  );
}

describe("code blocks in Chromium", () => {
  const site = useSiteInBrowser();

  for (const width of [320, 1280]) {
    test(`at ${width} px, no Copy button covers any code`, async () => {
      const { page, settledProblems } = await site.visit(PATH, { viewport: { width, height: 800 } });
      const blocks = await copyButtonsAndCode(page);
      expect(blocks).toHaveLength(await page.locator("pre > code").count());
      for (const { button, pre, lines } of blocks) {
        expect(lines.length).toBeGreaterThan(0);
        expect(intersects(button, pre), JSON.stringify({ button, pre })).toBe(false);
        expect(lines.filter((line) => intersects(button, line))).toEqual([]);
      }
      // The page itself never scrolls sideways, long file names included.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(await settledProblems()).toEqual(noProblems);
    });
  }

  test("a marked line and a diff's changed lines are coloured across the whole block, also when it scrolls sideways", async () => {
    const { page, settledProblems } = await site.visit(PATH, { viewport: { width: 320, height: 800 } });
    await markCodeBlocksSection(page);
    const sectionPre = 'pre[data-section="code-blocks"]';
    const lines = await page.$$eval(`${sectionPre} mark.highlight-line, ${sectionPre} .highlight-line-add, ${sectionPre} .highlight-line-remove`, (elements) =>
      elements.map((line) => {
        const pre = line.closest("pre")!;
        const inner = pre.getBoundingClientRect().left + pre.clientLeft - pre.scrollLeft;
        const rect = line.getBoundingClientRect();
        return {
          text: line.textContent,
          background: getComputedStyle(line).backgroundColor,
          preBackground: getComputedStyle(pre).backgroundColor,
          startsAt: Math.round(rect.left - inner),
          width: Math.round(rect.width),
          scrollWidth: pre.scrollWidth,
          scrolls: pre.scrollWidth > pre.clientWidth,
        };
      }),
    );
    // server.js, js/1, ts{1,3} (two), the long Python line, the diff's two changes.
    expect(lines.map((line) => line.text)).toEqual([
      "const port = Number(process.env.PORT ?? 8080);",
      "const port = Number(process.env.PORT ?? 8080);",
      "const a: number = 1;",
      "const c: number = a + b;",
      'def handler(event, context): return {"statusCode": 200, "body": "a line much wider than any phone screen, so the block scrolls sideways"}',
      "-  return a - b;",
      "+  return a + b;",
    ]);
    expect(lines.some((line) => line.scrolls)).toBe(true);
    for (const line of lines) {
      expect(line.background).not.toBe(line.preBackground);
      expect(line.background).not.toBe("rgba(0, 0, 0, 0)");
      // From the block's left inner edge to the right end of what scrolls.
      expect(line, line.text ?? "").toMatchObject({ startsAt: 0, width: line.scrollWidth });
    }
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("Copy on a terminal session copies the commands only, and says so", async () => {
    const { page, settledProblems } = await site.visit(PATH, { permissions: ["clipboard-read", "clipboard-write"] });
    await markCodeBlocksSection(page);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    const block = page.locator('.code-block[data-section="code-blocks"]', { has: page.locator("pre.language-shell-session") }).first();
    await expect(block.locator("figcaption").innerText()).resolves.toBe("Shell session");
    await block.locator(".copy-button").click();
    await eventually(() => page.locator("[aria-live]").first().textContent()).toBe("Code copied to clipboard");
    await eventually(clipboard).toBe("npm ci\nnpm run build -- \\\n    --quiet");
    await eventually(() => block.locator(".copy-button").textContent()).toBe("Copied");
    // Any other block copies its code exactly.
    await page.locator('.code-block[data-section="code-blocks"]', { has: page.locator("figcaption", { hasText: "server.js" }) }).locator(".copy-button").click();
    await eventually(clipboard).toBe('import { serve } from "./serve.js";\nconst port = Number(process.env.PORT ?? 8080);\nserve({ port });\n');
    // A transcript without prompts has no commands for Prism: it copies as written rather than as nothing.
    await page.locator('.code-block[data-section="code-blocks"]', { has: page.locator("pre.language-shell-session") }).last().locator(".copy-button").click();
    await eventually(clipboard).toBe("npm ci\n");
    expect(await settledProblems()).toEqual(noProblems);
  });

  test("captions show the file name and the language; a title with markup is text", async () => {
    const { page, settledProblems } = await site.visit(PATH);
    await markCodeBlocksSection(page);
    const captions = await page.$$eval('figure.code-block[data-section="code-blocks"] > figcaption', (elements) =>
      elements.map((caption) => ({ title: caption.querySelector(".code-title")?.textContent ?? null, language: caption.querySelector(".code-language")?.textContent ?? null, elements: caption.querySelectorAll("b").length })),
    );
    expect(captions).toEqual([
      { title: "server.js", language: "JavaScript", elements: 0 },
      { title: null, language: "JavaScript", elements: 0 },
      { title: null, language: "TypeScript", elements: 0 },
      { title: "handlers/a_rather_long_module_name_for_a_phone.py", language: "Python", elements: 0 },
      { title: null, language: "JavaScript diff", elements: 0 },
      { title: null, language: "Shell session", elements: 0 },
      { title: '<b>not bold</b> "quoted" & more', language: "HTML", elements: 0 },
      { title: null, language: "Shell session", elements: 0 },
    ]);
    expect(await settledProblems()).toEqual(noProblems);
  });
});
