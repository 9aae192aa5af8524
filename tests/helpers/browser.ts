import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContextOptions, type BrowserServer, type Frame, type Page, type Request, type Response } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
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

const launchOptions = {
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

/**
 * Starts the one Chromium every browser test file shares
 * (tests/e2e/global-setup.ts): launching it is the slowest step of a browser
 * test file, and each test opens its own fresh context anyway.
 * https://playwright.dev/docs/api/class-browsertype#browser-type-launch-server
 */
export async function launchBrowserServer(): Promise<BrowserServer> {
  assertChromium();
  return chromium.launchServer(launchOptions);
}

/**
 * The shared Chromium, connected over its WebSocket endpoint; a file run
 * without the global setup (no endpoint provided) launches its own.
 */
export async function connectBrowser(): Promise<Browser> {
  const endpoint = inject("e2eBrowserEndpoint");
  if (endpoint) return chromium.connect(endpoint);
  assertChromium();
  return chromium.launch(launchOptions);
}

/**
 * How long a check may wait for the condition it checks (a result drawn, a
 * class set, the clipboard filled) before it fails: a bound for a slow,
 * shared machine, never a pause. Below the test timeout (vitest.config.ts),
 * so a condition that never comes fails with its own message.
 */
export const CONDITION_TIMEOUT = 30_000;

/**
 * Waits until what `read` returns passes the matcher that follows:
 * `await eventually(() => page.evaluate(...)).toBe("dark")`. Every check on a
 * page after an action (click, key press, reload, scroll) goes through here or
 * through a Playwright wait, because the page answers when it is ready, not
 * when the action returns.
 */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: CONDITION_TIMEOUT, interval: 20 });
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
  /** Problems gathered so far, once the page has settled: every request it made has ended, and queued CSP reports and console messages have arrived. */
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
  /** The problems of a watched page once it has settled (see `Visit.settledProblems`). */
  settledProblems(page: Page): Promise<Problems>;
}

/**
 * The requests of a page, to tell a failure from a request the browser
 * dropped because its frame went elsewhere. Reloading or leaving a page
 * cancels what the old document still had in flight (its favicon, a lazy
 * image) with `net::ERR_ABORTED`: that is the browser doing its job, not a
 * broken link. Each request is stamped with its frame's navigation count when
 * it starts; one that is aborted after its frame has started or committed a
 * new navigation was cancelled by it. A request aborted while its frame stays,
 * any other network error, and any 4xx/5xx response remain failures.
 */
class RequestLog {
  readonly inFlight = new Set<Request>();
  private readonly navigations = new Map<Frame, number>();
  private readonly awaitingCommit = new Set<Frame>();
  private readonly startedAt = new WeakMap<Request, number>();
  private onQuiet: Array<() => void> = [];

  constructor(private readonly page: Page) {
    page.on("request", (request) => {
      const frame = this.frameOf(request);
      if (request.isNavigationRequest()) {
        this.bump(frame);
        this.awaitingCommit.add(frame);
      }
      this.startedAt.set(request, this.navigations.get(frame) ?? 0);
      this.inFlight.add(request);
    });
    // Committed: the old document is gone. Same-document navigations (a #fragment) send no request and are not counted.
    page.on("framenavigated", (frame) => {
      if (this.awaitingCommit.delete(frame)) this.bump(frame);
    });
    page.on("requestfinished", (request) => this.ended(request));
    page.on("requestfailed", (request) => this.ended(request));
  }

  /** Whether a failed request was cancelled because its frame navigated or reloaded. */
  abortedByNavigation(request: Request): boolean {
    if (request.failure()?.errorText !== "net::ERR_ABORTED") return false;
    const started = this.startedAt.get(request);
    return started !== undefined && (this.navigations.get(this.frameOf(request)) ?? 0) > started;
  }

  /** Resolves once no request is in flight: each one has finished or failed. */
  async quiet(): Promise<void> {
    while (this.inFlight.size) await new Promise<void>((resolve) => this.onQuiet.push(resolve));
  }

  private ended(request: Request): void {
    this.inFlight.delete(request);
    if (this.inFlight.size) return;
    const waiting = this.onQuiet;
    this.onQuiet = [];
    for (const resolve of waiting) resolve();
  }

  private bump(frame: Frame): void {
    this.navigations.set(frame, (this.navigations.get(frame) ?? 0) + 1);
  }

  private frameOf(request: Request): Frame {
    try {
      return request.frame();
    } catch {
      // Service worker requests have no frame; the site registers none.
      return this.page.mainFrame();
    }
  }
}

/**
 * One server per test file, over the site built once for all browser tests,
 * served with the production headers, and a connection to the one Chromium
 * they share (both from tests/e2e/global-setup.ts). Every visit opens a fresh
 * browser context (its own cookies, storage and permissions), closed with the
 * file: tests stay independent although the browser is shared. A journey is then a few lines:
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
  const watched = new WeakMap<Page, { problems: Problems; requests: RequestLog; javaScript: boolean }>();

  beforeAll(async () => {
    server = await startStaticServer({ root: options.root ?? inject("e2eSiteOutput"), pathPrefix: options.pathPrefix });
    browser = await connectBrowser();
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
      const requests = new RequestLog(page);
      watched.set(page, { problems, requests, javaScript: true });
      const expected = (url: string) => watchOptions.expectStatus !== undefined && url === watchOptions.expectUrl;
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = message.text();
        if (text.includes("Content Security Policy")) problems.cspViolations.push(text);
        // Chromium logs the expected 404 of the page itself as a failed resource.
        else if (!(expected(message.location().url) && text.startsWith("Failed to load resource"))) problems.consoleErrors.push(text);
      });
      page.on("pageerror", (error) => problems.consoleErrors.push(`Uncaught: ${error.message}`));
      page.on("requestfailed", (request) => {
        if (!requests.abortedByNavigation(request)) problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`);
      });
      page.on("response", (response) => {
        if (response.status() >= 400 && !expected(response.url())) problems.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
      });
      return problems;
    },
    async settledProblems(page) {
      const entry = watched.get(page);
      if (!entry) throw new Error("settledProblems(page) needs a page from visit() or watch().");
      await entry.requests.quiet();
      // Two animation frames: CSP reports and console messages queued by then have been delivered.
      if (entry.javaScript) await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      // Work those frames started (a lazy image coming into view) ends too.
      await entry.requests.quiet();
      return entry.problems;
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
      watched.get(page)!.javaScript = contextOptions.javaScriptEnabled !== false;
      await page.exposeBinding("__reportCspViolation", (_source, text: string) => void problems.cspViolations.push(text));
      const response = await page.goto(url, { waitUntil: "load" });
      if (!response) throw new Error(`No response for ${url}`);
      return {
        page,
        response,
        problems,
        settledProblems: () => self.settledProblems(page),
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
    /** The WebSocket endpoint of the one Chromium tests/e2e/global-setup.ts launches for every browser test file. */
    e2eBrowserEndpoint: string;
  }
}
