import Eleventy, { type UserConfig } from "@11ty/eleventy";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import { currentFailure } from "../build-status.ts";
import { escapeHtml } from "../html.ts";

export interface DevServerOptions {
  /**
   * Address `npm start` listens on. 127.0.0.1 by default: the dev server shows
   * drafts and scheduled posts, which must not be readable by anyone on the
   * same café Wi-Fi. `BLOG_HOST=0.0.0.0 npm start` opens it to the local
   * network (to try a page on a phone).
   */
  host: string;
}

/**
 * Eleventy's dev server calls `listen({ port })` with no host, which listens
 * on every interface, and has no option to change it (@11ty/eleventy-dev-server
 * 2.x, server.js `_serverListen`). This gives it one. The browser test
 * tests/build/dev-server.test.ts checks which address it binds.
 */
function listenOn(host: string): void {
  const server = EleventyDevServer.prototype as unknown as { _serverListen(port: number): void; server: { listen(options: { port: number; host: string }): void } };
  server._serverListen = function (this: typeof server, port: number) {
    this.server.listen({ port, host });
  };
}

/** The slice of Eleventy's watch mode used below (src/Eleventy.js `watch`, 3.x). */
interface WatchingEleventy {
  /** Builds, starts the file watcher and returns the function each watcher event calls to queue a rebuild. */
  watch(): Promise<(path: string) => Promise<void>>;
  watcher: { on(event: "unlink", listener: (path: string) => void): void };
}

const REBUILDS_ON_DELETE = Symbol.for("blog.rebuildsOnDelete");

/**
 * Eleventy 3's watcher only logs a deleted file ("File deleted"): nothing is
 * rebuilt, so a deleted post stays on the home page, in its tags and feeds
 * (https://github.com/11ty/eleventy/issues/2798, fixed in Eleventy 4). This
 * sends `unlink` through the same rebuild queue as a change, after Eleventy's
 * own handler has dropped the file from its file list. Marked with a global
 * symbol: a config reset imports this module again, and a second wrapper
 * would queue every deletion twice.
 */
function rebuildOnDelete(): void {
  const prototype = Eleventy.prototype as unknown as WatchingEleventy & { [REBUILDS_ON_DELETE]?: true };
  if (prototype[REBUILDS_ON_DELETE]) return;
  prototype[REBUILDS_ON_DELETE] = true;
  const watch = prototype.watch;
  prototype.watch = async function (this: WatchingEleventy) {
    const queueRebuild = await watch.call(this);
    this.watcher.on("unlink", (path) => void queueRebuild(path));
    return queueRebuild;
  };
}

/** The page the dev server sends instead of any page while the last build failed: the report, until it is fixed. */
export function renderFailurePage(summary: string, report: string): string {
  // No script: a meta refresh reloads it until the fixed build serves the real page again (the CSP allows it).
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="2"><title>Build failed</title><link rel="stylesheet" href="/styles.css"></head>
<body><main id="main" class="build-failure"><h1>The build failed</h1><p>${escapeHtml(summary)}</p><pre tabindex="0">${escapeHtml(report)}</pre><p>Fix it and save: this page reloads by itself.</p></main></body>
</html>
`;
}

/**
 * `npm start`: bound to one address, rebuilt when a file is deleted, and a
 * failed rebuild shown in the browser, not only in the terminal. (Stale pages
 * of deleted or renamed posts are removed by src/plugins/clean-output.ts.)
 */
export function devServerPlugin(eleventyConfig: UserConfig, options: DevServerOptions): void {
  listenOn(options.host);
  rebuildOnDelete();
  eleventyConfig.setServerOptions({
    onRequest: {
      // Pages only (a path ending in / or .html); styles, scripts and images are served as usual.
      "/*": ({ url }: { url: URL }) => {
        const failure = currentFailure();
        if (!failure || !(url.pathname.endsWith("/") || url.pathname.endsWith(".html"))) return undefined;
        return { status: 500, headers: { "Content-Type": "text/html; charset=utf-8" }, body: renderFailurePage(failure.summary, failure.report) };
      },
    },
  });
}
