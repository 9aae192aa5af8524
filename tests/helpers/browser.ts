import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContextOptions, type Page, type Response } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { startStaticServer, type RunningServer } from "../../src/static-server.ts";

/**
 * Browser tests drive Debian's Chromium (`apt-get install -y chromium`) with
 * playwright-core. Playwright's own browser downloads are never used: they
 * cannot be fetched on CI machines here.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Fails loudly, with the fix, when Chromium is missing: browser tests never skip silently. */
export function assertChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Browser tests need Chromium at ${chromiumPath}, which is missing. Install Debian's package: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** What went wrong while a page loaded and ran: each list must stay empty. */
export interface Problems {
  consoleErrors: string[];
  failedRequests: string[];
  cspViolations: string[];
}

export interface Visit {
  page: Page;
  /** The response to the navigation (its status, headers). */
  response: Response;
  problems: Problems;
  /** Problems gathered so far, once the page has settled (CSP reports arrive asynchronously). */
  settledProblems(): Promise<Problems>;
}

export interface VisitOptions extends BrowserContextOptions {
  /** A status other than 2xx expected for the page itself (e.g. 404), not counted as a failed request. */
  expectStatus?: number;
}

export interface SiteInBrowser {
  /** The running server (origin and URL with the path prefix). */
  server(): RunningServer;
  browser(): Browser;
  /** Absolute URL of a site path (`/posts/x/`), with the path prefix. */
  url(path: string): string;
  /** Opens `path` in a fresh browser context and records console errors, failed requests and CSP violations. */
  visit(path: string, options?: VisitOptions): Promise<Visit>;
  /** Records console errors and failed requests on a page; visit() does it for you. */
  watch(page: Page, options?: { expectStatus?: number; expectUrl?: string }): Problems;
}

/**
 * One browser and one server per test file, over the site built once for all
 * browser tests (tests/e2e/global-setup.ts), served with the production
 * headers. A journey is then a few lines:
 *
 *   const site = useSiteInBrowser();
 *   test("archive lists posts", async () => {
 *     const { page, settledProblems } = await site.visit("/archive/");
 *     …
 *     expect(await settledProblems()).toEqual(noProblems);
 *   });
 */
export function useSiteInBrowser(options: { root?: string; pathPrefix?: string } = {}): SiteInBrowser {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  const contexts: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    server = await startStaticServer({ root: options.root ?? inject("e2eSiteOutput"), pathPrefix: options.pathPrefix });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
  });

  const self: SiteInBrowser = {
    server: () => server ?? fail("server"),
    browser: () => browser ?? fail("browser"),
    url: (path) => new URL(path.replace(/^\//, ""), self.server().url).href,
    watch(page, watchOptions = {}) {
      const problems: Problems = { consoleErrors: [], failedRequests: [], cspViolations: [] };
      const expected = (url: string) => watchOptions.expectStatus !== undefined && url === watchOptions.expectUrl;
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = message.text();
        if (text.includes("Content Security Policy")) problems.cspViolations.push(text);
        // Chromium logs the expected 404 of the page itself as a failed resource.
        else if (!(expected(message.location().url) && text.startsWith("Failed to load resource"))) problems.consoleErrors.push(text);
      });
      page.on("pageerror", (error) => problems.consoleErrors.push(`Uncaught: ${error.message}`));
      page.on("requestfailed", (request) => problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`));
      page.on("response", (response) => {
        if (response.status() >= 400 && !expected(response.url())) problems.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
      });
      return problems;
    },
    async visit(path, visitOptions = {}) {
      const { expectStatus, ...contextOptions } = visitOptions;
      const context = await self.browser().newContext(contextOptions);
      contexts.push(context);
      // Runs before any page script, through the DevTools protocol: not page content, not subject to the CSP.
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
          report?.(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber})`);
        });
      });
      const page = await context.newPage();
      const url = self.url(path);
      const problems = self.watch(page, { expectStatus, expectUrl: url });
      await page.exposeBinding("__reportCspViolation", (_source, text: string) => void problems.cspViolations.push(text));
      const response = await page.goto(url, { waitUntil: "load" });
      if (!response) throw new Error(`No response for ${url}`);
      return {
        page,
        response,
        problems,
        async settledProblems() {
          // Two animation frames: queued CSP reports and console messages are delivered by then.
          if (contextOptions.javaScriptEnabled !== false) {
            await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          }
          return problems;
        },
      };
    },
  };
  return self;
}

export const noProblems: Problems = { consoleErrors: [], failedRequests: [], cspViolations: [] };

function fail(what: string): never {
  throw new Error(`The ${what} is not started: call useSiteInBrowser() at the top of the test file, and visit() inside tests.`);
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The real site, built once by tests/e2e/global-setup.ts. */
    e2eSiteOutput: string;
  }
}
