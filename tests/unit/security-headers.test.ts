import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, headersFor, matchesPattern, securityHeaders, toHeadersFile, toPolicyString } from "../../src/security-headers.ts";

/** A `_headers` file read back the way Netlify documents it: a path line, then indented `Name: value` lines. */
function parseHeadersFile(text: string): Array<{ path: string; headers: Record<string, string> }> {
  const rules: Array<{ path: string; headers: Record<string, string> }> = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: {} });
      continue;
    }
    const colon = line.indexOf(":");
    rules.at(-1)!.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

/**
 * What the policy and headers must guarantee, as properties rather than a copy
 * of src/security-headers.ts: a loosened policy (an inline script, eval, a
 * foreign origin, framing) fails here whatever else changes. That the browser
 * enforces it is proven by tests/e2e/harness.test.ts; that every server sends
 * it, by tests/unit/static-server.test.ts and tests/e2e/journeys.test.ts.
 */
describe("the Content Security Policy", () => {
  const directives = new Map(toPolicyString().split("; ").map((part) => { const [name, ...sources] = part.split(" "); return [name!, sources]; }));

  test("allows nothing but this origin: no inline code, no eval, no other origin or scheme", () => {
    // Pagefind compiles WebAssembly (script-src only); some tools emit data: images (img-src only).
    const allowed = (directive: string) => ["'self'", "'none'", ...(directive === "script-src" ? ["'wasm-unsafe-eval'"] : []), ...(directive === "img-src" ? ["data:"] : [])];
    for (const [directive, sources] of directives) {
      expect(sources.length, directive).toBeGreaterThan(0);
      for (const source of sources) expect(allowed(directive), `${directive} ${source}`).toContain(source);
    }
    expect(directives.size).toBe(Object.keys(contentSecurityPolicy).length);
  });

  test("sets the directives that do not fall back to default-src, and forbids plugins and framing", () => {
    // https://www.w3.org/TR/CSP3/#directive-fallback-list: base-uri, form-action and frame-ancestors have no fallback.
    for (const directive of ["default-src", "base-uri", "form-action", "frame-ancestors", "object-src"]) expect(directives.has(directive), directive).toBe(true);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("the production headers", () => {
  test("forbid MIME sniffing, never send a full URL to another origin, deny unused features and isolate the window", () => {
    expect(securityHeaders["X-Content-Type-Options"]).toBe("nosniff");
    expect(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]).toContain(securityHeaders["Referrer-Policy"]);
    expect(securityHeaders["Permissions-Policy"]!.split(", ")).toEqual(expect.arrayContaining(["camera=()", "microphone=()", "geolocation=()", "interest-cohort=()", "browsing-topics=()"]));
    expect(securityHeaders["Cross-Origin-Opener-Policy"]).toBe("same-origin");
    expect(securityHeaders["Content-Security-Policy"]).toBe(toPolicyString());
  });

  test("apply to every path, pages and assets alike", () => {
    for (const path of ["/", "/posts/x/", "/styles.css", "/pagefind/pagefind.js", "/404.html"]) {
      expect(headersFor(path)).toMatchObject(securityHeaders);
      expect(headersFor(path)["Cache-Control"]).toBe("public, max-age=0, must-revalidate");
    }
  });

  test("the _headers file says the same as the module, rule by rule", () => {
    const rules = parseHeadersFile(toHeadersFile());
    expect(rules[0]).toEqual({ path: "/*", headers: securityHeaders });
    const merged = Object.assign({}, ...rules.filter((rule) => matchesPattern(rule.path, "/posts/x/")).map((rule) => rule.headers));
    expect(merged).toEqual(headersFor("/posts/x/"));
  });
});

describe("_headers path patterns", () => {
  test.each([
    ["/*", "/anything/at/all", true],
    ["/*", "/", true],
    ["/pagefind/*", "/pagefind/x.pf_index", true],
    ["/pagefind/*", "/posts/pagefind/", false],
    ["/*.css", "/styles.css", true],
    ["/*.css", "/styles.css.map", false],
    ["/about/", "/about/", true],
    ["/a.b", "/axb", false],
  ])("%s against %s → %s", (pattern, path, expected) => {
    expect(matchesPattern(pattern, path)).toBe(expected);
  });
});
