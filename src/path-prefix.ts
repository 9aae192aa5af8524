import type MarkdownIt from "markdown-it";
import { normalisePathPrefix, withPathPrefix } from "./routes.ts";

/**
 * A markdown-it plugin that applies the path prefix to root-relative links and
 * images written in Markdown (`[RSS](/feed.xml)`, `![](/img/a.png)`), so posts
 * work when the site is deployed under `/blog/`. It runs while Markdown is
 * parsed, instead of Eleventy's HtmlBasePlugin, which re-parses every built
 * page: https://www.11ty.dev/docs/plugins/html-base/
 * Which URLs get the prefix is `withPathPrefix`'s rule (src/routes.ts).
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
