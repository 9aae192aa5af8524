import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { securityHeaders } from "../../src/security-headers.ts";
import { startStaticServer, type RunningServer } from "../../src/static-server.ts";

/** A tiny built site: a home, a folder page, a 404 page and one file of each asset type. */
const files: Record<string, string> = {
  "index.html": "<!doctype html><title>home</title>",
  "404.html": "<!doctype html><title>not found</title>",
  "posts/hello/index.html": "<!doctype html><title>hello</title>",
  "styles.css": "p{}",
  "enhance.js": "0",
  "feed.xml": "<rss/>",
  "feed.json": "{}",
  "feed.xsl": "<xsl/>",
  "pagefind/wasm.en.pagefind": "x",
  "pagefind/pagefind.wasm": "x",
  "img/a.avif": "x",
  "img/a.webp": "x",
  "favicon.svg": "<svg/>",
  "with space.txt": "spaced",
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "blog-server-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, ".."), { recursive: true });
    await writeFile(join(root, name), text);
  }
  await writeFile(join(tmpdir(), "blog-server-secret.txt"), "secret");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(join(tmpdir(), "blog-server-secret.txt"), { force: true });
});

describe("the static server at the root", () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startStaticServer({ root }); });
  afterAll(() => server.close());
  const get = (path: string, init?: RequestInit) => fetch(server.origin + path, { redirect: "manual", ...init });

  test("listens on 127.0.0.1 only, on a free port", () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(server.origin + "/");
  });

  test("serves a folder's index.html, with the production headers", async () => {
    const response = await get("/posts/hello/");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("hello");
    for (const [name, value] of Object.entries(securityHeaders)) expect(response.headers.get(name)).toBe(value);
  });

  test("redirects a folder without its trailing slash, keeping the query", async () => {
    const response = await get("/posts/hello?x=1");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/posts/hello/?x=1");
  });

  test.each([
    ["/", "text/html; charset=utf-8"],
    ["/styles.css", "text/css; charset=utf-8"],
    ["/enhance.js", "text/javascript; charset=utf-8"],
    ["/feed.xml", "application/xml; charset=utf-8"],
    ["/feed.json", "application/json; charset=utf-8"],
    ["/feed.xsl", "application/xslt+xml; charset=utf-8"],
    ["/pagefind/pagefind.wasm", "application/wasm"],
    ["/pagefind/wasm.en.pagefind", "application/octet-stream"],
    ["/img/a.avif", "image/avif"],
    ["/img/a.webp", "image/webp"],
    ["/favicon.svg", "image/svg+xml"],
  ])("%s is served as %s", async (path, type) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
  });

  test("decodes percent-encoded paths", async () => {
    expect(await (await get("/with%20space.txt")).text()).toBe("spaced");
  });

  test.each(["/nope", "/posts/nope/", "/posts/hello/index.html/x"])("an unknown URL (%s) gets /404.html with status 404", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("not found");
    expect(response.headers.get("content-security-policy")).toBe(securityHeaders["Content-Security-Policy"]);
  });

  test("never serves files outside the site folder", async () => {
    for (const path of ["/../blog-server-secret.txt", "/%2e%2e/blog-server-secret.txt", "/..%2fblog-server-secret.txt"]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("secret");
    }
  });

  test("answers HEAD without a body and refuses other methods", async () => {
    const head = await get("/styles.css", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("3");
    expect(await head.text()).toBe("");
    expect((await get("/", { method: "POST" })).status).toBe(405);
  });
});

describe("the static server under a path prefix", () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startStaticServer({ root, pathPrefix: "blog" }); });
  afterAll(() => server.close());
  const get = (path: string) => fetch(server.origin + path, { redirect: "manual" });

  test("serves the site under /blog/ and 404s outside it", async () => {
    expect(server.url).toBe(server.origin + "/blog/");
    expect(await (await get("/blog/")).text()).toContain("home");
    expect((await get("/blog/posts/hello/")).status).toBe(200);
    expect((await get("/posts/hello/")).status).toBe(404);
    expect((await get("/blogx/")).status).toBe(404);
  });

  test("redirects /blog to /blog/", async () => {
    const response = await get("/blog");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/blog/");
  });
});
