import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { normalisePathPrefix } from "./routes.ts";
import { headersFor } from "./security-headers.ts";

/**
 * Content types by extension, for everything the build writes. Browsers need
 * the right one: `nosniff` makes them refuse a script or stylesheet with the
 * wrong type, and WebAssembly only compiles streamed as `application/wasm`.
 */
export const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".xsl": "application/xslt+xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  // Pagefind's index files (gzipped binary chunks, fetched by its script).
  ".pagefind": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
};

export interface StaticServerOptions {
  /** The built site folder, e.g. `_site`. */
  root: string;
  /** The path the site is deployed under (`/blog/`), as built with Eleventy's pathPrefix. */
  pathPrefix?: string;
  /** Headers for a path of the site folder; defaults to the production headers. */
  headers?: (path: string) => Record<string, string>;
}

export interface RunningServer {
  /** Origin plus path prefix, e.g. `http://127.0.0.1:40123/blog/`. */
  url: string;
  origin: string;
  server: Server;
  close(): Promise<void>;
}

type Found = { file: string; status: 200 | 404 } | { redirect: string } | undefined;

/**
 * Serves a built site the way the static hosts do: files by path, `index.html`
 * for a folder, a redirect from `/folder` to `/folder/`, and `/404.html` with
 * status 404 for anything else. Only GET and HEAD. For previews and tests, not
 * the open internet: it binds to 127.0.0.1.
 */
export function createStaticServer(options: StaticServerOptions): Server {
  const root = resolve(options.root);
  const prefix = normalisePathPrefix(options.pathPrefix);
  const headersOf = options.headers ?? headersFor;

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      response.end(`Internal error: ${String(error)}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const { pathname, search } = new URL(request.url ?? "/", "http://localhost");
    const found = await find(pathname);
    if (found && "redirect" in found) {
      response.writeHead(301, { Location: found.redirect + search }).end();
      return;
    }
    const target = found ?? { file: join(root, "404.html"), status: 404 as const };
    const info = await stat(target.file).catch(() => undefined);
    if (!info?.isFile()) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", ...headersOf("/404") }).end("Not found");
      return;
    }
    const sitePath = "/" + target.file.slice(root.length + 1).split(sep).join("/");
    response.writeHead(target.status, {
      "Content-Type": contentTypes[extname(target.file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": info.size,
      ...headersOf(sitePath),
    });
    if (request.method === "HEAD") {
      response.end();
      return;
    }
    createReadStream(target.file).pipe(response);
  }

  /** The file a URL path names, a redirect to add its trailing slash, or nothing. */
  async function find(pathname: string): Promise<Found> {
    if (!(pathname + "/").startsWith(prefix)) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname.slice(prefix.length - 1));
    } catch {
      return undefined;
    }
    const file = resolve(root, "." + decoded);
    // Never serve anything outside the site folder (`/../etc/passwd`).
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) return { file, status: 200 };
    if (info?.isDirectory()) {
      if (!pathname.endsWith("/")) return { redirect: pathname + "/" };
      const index = join(file, "index.html");
      if ((await stat(index).catch(() => undefined))?.isFile()) return { file: index, status: 200 };
    }
    return undefined;
  }
}

/** Starts a static server on 127.0.0.1, on `port` or a free one (0). */
export async function startStaticServer(options: StaticServerOptions & { port?: number }): Promise<RunningServer> {
  const server = createStaticServer(options);
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", () => done());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + normalisePathPrefix(options.pathPrefix),
    server,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
