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

describe("the Content Security Policy", () => {
  const directives = new Map(toPolicyString().split("; ").map((part) => { const [name, ...sources] = part.split(" "); return [name!, sources]; }));

  test("allows only this origin by default, and no inline or eval'd script", () => {
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get("style-src")).toEqual(["'self'"]);
    for (const sources of directives.values()) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("*");
    }
  });

  test("forbids plugins, framing, foreign forms and <base> hijacking", () => {
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("form-action")).toEqual(["'self'"]);
    expect(directives.get("base-uri")).toEqual(["'self'"]);
    expect(directives.size).toBe(Object.keys(contentSecurityPolicy).length);
  });
});

describe("the production headers", () => {
  test("include nosniff, a referrer policy, a permissions policy and COOP", () => {
    expect(securityHeaders["X-Content-Type-Options"]).toBe("nosniff");
    expect(securityHeaders["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(securityHeaders["Permissions-Policy"]!.split(", ")).toEqual(expect.arrayContaining(["camera=()", "microphone=()", "geolocation=()", "interest-cohort=()", "browsing-topics=()"]));
    expect(securityHeaders["Cross-Origin-Opener-Policy"]).toBe("same-origin");
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
