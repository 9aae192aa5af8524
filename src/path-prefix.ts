import type MarkdownIt from "markdown-it";

/** `/blog/` or `/`: always with a leading and a trailing slash. */
export function normalisePathPrefix(pathPrefix = "/"): string {
  const trimmed = pathPrefix.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/**
 * Puts the path prefix in front of a root-relative URL (`/feed.xml` →
 * `/blog/feed.xml`), as Eleventy's `url` filter does in templates. Relative
 * (`../x`), fragment (`#x`), protocol-relative (`//host`) and absolute URLs
 * are left alone, and so is a URL already under the prefix.
 */
export function withPathPrefix(url: string, pathPrefix: string): string {
  const prefix = normalisePathPrefix(pathPrefix);
  if (prefix === "/" || !url.startsWith("/") || url.startsWith("//")) return url;
  if (url === prefix.slice(0, -1) || url.startsWith(prefix)) return url;
  return prefix + url.slice(1);
}

/**
 * A markdown-it plugin that applies the path prefix to root-relative links and
 * images written in Markdown (`[RSS](/feed.xml)`, `![](/img/a.png)`), so posts
 * work when the site is deployed under `/blog/`. It runs while Markdown is
 * parsed, instead of Eleventy's HtmlBasePlugin, which re-parses every built
 * page: https://www.11ty.dev/docs/plugins/html-base/
 * Raw HTML inside Markdown is not rewritten (see README, "Deploying").
 */
export function prefixRootRelativeUrls(md: MarkdownIt, pathPrefix: string): void {
  if (normalisePathPrefix(pathPrefix) === "/") return;
  md.core.ruler.push("path_prefix", (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        const attribute = token.type === "link_open" ? "href" : token.type === "image" ? "src" : undefined;
        const value = attribute && token.attrGet(attribute);
        if (attribute && value) token.attrSet(attribute, withPathPrefix(value, pathPrefix));
      }
    }
  });
}
