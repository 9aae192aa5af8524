/**
 * The production HTTP headers, in ONE place. The `_headers` file written into
 * the build (Netlify and Cloudflare Pages), the preview server and the browser
 * tests all read them from here, so what the tests prove is what production
 * sends. GitHub Pages cannot send custom headers (see README, "Deploying").
 */

/**
 * Content Security Policy, directive by directive.
 * https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy
 *
 * - No `'unsafe-inline'` anywhere: scripts and styles live in files
 *   (`/styles.css`, `/enhance.js`, `/pagefind/…`). Inline `<script>`,
 *   `<style>`, `style=""` and `on…=` attributes are blocked. Authors' raw HTML
 *   in Markdown is trusted, but it is still subject to this policy.
 * - `'wasm-unsafe-eval'` lets Pagefind compile its WebAssembly search index
 *   without allowing JavaScript `eval`.
 *   https://www.w3.org/TR/CSP3/#grammardef-wasm-unsafe-eval
 * - `data:` images: small inline SVG/placeholder images some tools emit.
 * - `frame-ancestors 'none'`: nobody may frame the blog (clickjacking); it
 *   replaces `X-Frame-Options`. It only works as a header, never in `<meta>`.
 */
export const contentSecurityPolicy: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/** The policy as a header value: `directive source source; directive …`. */
export function toPolicyString(policy: Readonly<Record<string, readonly string[]>> = contentSecurityPolicy): string {
  return Object.entries(policy)
    .map(([directive, sources]) => [directive, ...sources].join(" "))
    .join("; ");
}

/**
 * Powerful browser features the blog never uses, switched off for the page and
 * anything it embeds, and opting out of ad-interest tracking: `interest-cohort`
 * (FLoC, retired) and its successor `browsing-topics`. Browsers ignore names
 * they do not know (Chromium adds no console error; the browser tests check).
 * https://developer.mozilla.org/docs/Web/HTTP/Headers/Permissions-Policy
 */
export const deniedFeatures: readonly string[] = [
  "accelerometer",
  "browsing-topics",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "interest-cohort",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "usb",
];

/** Headers every response carries, HTML or not. */
export const securityHeaders: Readonly<Record<string, string>> = {
  "Content-Security-Policy": toPolicyString(),
  // Stops browsers guessing a type, e.g. running a text file as a script.
  "X-Content-Type-Options": "nosniff",
  // Other sites learn our origin when a reader follows a link, not the page path.
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": deniedFeatures.map((feature) => `${feature}=()`).join(", "),
  // Windows we open (or that open us) get no handle on this page.
  "Cross-Origin-Opener-Policy": "same-origin",
};

/**
 * A path pattern (Netlify/Cloudflare `_headers` syntax: `*` matches anything)
 * and the extra headers responses under it get.
 */
export interface HeaderRule {
  path: string;
  headers: Readonly<Record<string, string>>;
}

/**
 * Caching: pages, feeds and the stylesheet keep stable URLs, so browsers must
 * revalidate them (cheap with ETags); a new post shows up at once. Nothing is
 * marked immutable because no file name here carries a content hash.
 * https://developer.mozilla.org/docs/Web/HTTP/Headers/Cache-Control
 */
export const cacheRules: readonly HeaderRule[] = [
  { path: "/*", headers: { "Cache-Control": "public, max-age=0, must-revalidate" } },
];

/**
 * Every rule, security headers first. Paths are relative to the root of the
 * deployed folder: a host serves `_site/` at its root even when the site is
 * built for a path prefix and proxied under `/blog/`.
 */
export const headerRules: readonly HeaderRule[] = [{ path: "/*", headers: securityHeaders }, ...cacheRules];

/** Whether a `_headers` path pattern matches a URL path (`*` = any characters). */
export function matchesPattern(pattern: string, urlPath: string): boolean {
  const literal = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${literal.join(".*")}$`).test(urlPath);
}

/** The headers production sends for one path of the deployed folder, merged from every matching rule. */
export function headersFor(urlPath: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of headerRules) {
    if (matchesPattern(rule.path, urlPath)) Object.assign(headers, rule.headers);
  }
  return headers;
}

/**
 * The `_headers` file for Netlify and Cloudflare Pages: a path pattern on its
 * own line, then indented `Name: value` lines.
 * https://docs.netlify.com/routing/headers/#syntax-for-the-headers-file
 * https://developers.cloudflare.com/pages/configuration/headers/
 */
export function toHeadersFile(): string {
  const blocks = headerRules.map((rule) => [rule.path, ...Object.entries(rule.headers).map(([name, value]) => `  ${name}: ${value}`)].join("\n"));
  return `# Written by src/security-headers.ts at build time; edit that module, not this file.\n${blocks.join("\n\n")}\n`;
}
