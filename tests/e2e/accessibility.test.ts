import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import { describe, expect, test } from "vitest";
import { noProblems, useSiteInBrowser } from "../helpers/browser.ts";

const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Each kind of page once. */
const pages: Array<{ path: string; expectStatus?: number; phone?: boolean }> = [
  { path: "/" },
  { path: "/posts/embracing-serverless-architecture/" },
  // A long post: its contents are a sticky column beside the text on wide screens, a folded <details> on a phone.
  { path: "/posts/serverless-architecture-invisible-hands/" },
  { path: "/posts/serverless-architecture-invisible-hands/", phone: true },
  // Every writing feature: code blocks, callouts, footnotes as sidenotes, math, diagrams, tables.
  { path: "/posts/kitchen-sink/" },
  { path: "/tags/" },
  { path: "/tags/cloud-computing/" },
  { path: "/archive/" },
  { path: "/search/" },
  { path: "/search/?q=serverless" },
  { path: "/about/" },
  { path: "/subscribe/" },
  // A tag page's feed link lands here, on the highlighted (:target) entry.
  { path: "/subscribe/#tag-serverless" },
  { path: "/no/such/page/", expectStatus: 404 },
];

describe("axe-core finds no accessibility violations", () => {
  const site = useSiteInBrowser();

  for (const colorScheme of ["light", "dark"] as const) {
    for (const { path, expectStatus, phone } of pages) {
      test(`${path}${phone ? " on a phone (390 px)" : ""} in the ${colorScheme} colour scheme`, async () => {
        const { page, settledProblems } = await site.visit(path, { colorScheme, expectStatus, ...(phone ? { viewport: { width: 390, height: 844 } } : { viewport: { width: 1280, height: 800 } }) });
        // page.evaluate runs through the DevTools protocol, which the page's CSP does not govern;
        // the strict policy stays on, and the violations check below proves axe broke nothing.
        await page.evaluate(axeSource);
        const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
        const violations = results.violations.map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(" ")) }));
        expect(violations).toEqual([]);
        // Sanity: axe really ran its rules on this page.
        expect(results.passes.length).toBeGreaterThan(10);
        // Colour contrast really was measured where code blocks, callouts and diagrams colour text (once in tests/e2e/code-blocks.test.ts).
        if (path === "/posts/kitchen-sink/") expect(results.passes.some((pass) => pass.id === "color-contrast")).toBe(true);
        expect(await settledProblems()).toEqual(noProblems);
      });
    }
  }
});
