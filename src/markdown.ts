import MarkdownIt from "markdown-it";
import { renderCodeBlock } from "./highlight.ts";
import { calloutsPlugin } from "./callouts.ts";
import { escapeHtml } from "./html.ts";
import { footnotesPlugin } from "./footnotes.ts";
import { mathPlugin } from "./math.ts";
import { tablesPlugin } from "./tables.ts";
import { toSlug } from "./slugs.ts";
import { authorIdErrors, authorIds, RESERVED_IDS } from "./author-ids.ts";
import { headingText, tocPlugin } from "./toc.ts";
import { diagramsPlugin } from "./diagram-fence.ts";
import { snippetsPlugin } from "./snippets.ts";

/**
 * The Markdown library Eleventy renders posts with. Authors' raw HTML is
 * allowed: content in this repository is trusted (see README, "Security").
 */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  // Only what the author wrote as a URL becomes a link: `https://…`, `http://…`, `www.…` and
  // `mailto:`. Without this, linkify links any word that looks like a domain ("Fly.io" → http://fly.io/).
  // https://github.com/markdown-it/linkify-it#api
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  addCodeBlocks(md);
  // `<<< ./file.ts#region` includes code from a file beside the post, as a fence; ```mermaid fences become SVG diagrams.
  md.use(snippetsPlugin);
  md.use(diagramsPlugin);
  md.use(tablesPlugin);
  addHeadingIds(md);
  addHeadingAnchors(md);
  md.use(tocPlugin);
  md.use(calloutsPlugin); // > [!NOTE] … (src/callouts.ts)
  md.use(footnotesPlugin); // [^1], shown as sidenotes where there is room (src/footnotes.ts)
  md.use(mathPlugin); // $…$ and $$…$$ to MathML at build time (src/math.ts)
  return md;
}

/**
 * Fenced and indented code go through one renderer (src/highlight.ts), which
 * escapes or highlights and never passes code through as markup. Indented code
 * is CommonMark: Eleventy disables it (`md.disable("code")`, for templates
 * whose indented HTML would turn into code) and the Markdown plugin keeps it
 * on, because posts are not templates.
 */
function addCodeBlocks(md: MarkdownIt): void {
  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx]!;
    return renderCodeBlock(token.content, md.utils.unescapeAll(token.info));
  };
  md.renderer.rules.code_block = (tokens, idx) => renderCodeBlock(tokens[idx]!.content, "");
}

/**
 * Stable, unique ids on every heading, derived from its text, so links to
 * `#section` survive rebuilds. A repeated or reserved id gets the next free
 * `-2`, `-3`… suffix, also when an author's own heading already reads "Setup 2",
 * and when the author's raw HTML in the post already has the id (`<div id="setup">`
 * next to `## Setup`): the author's element keeps it, the heading becomes `setup-2`.
 * An id the raw HTML cannot keep (written twice, or one the blog writes) is an error
 * at its line (src/author-ids.ts), reported with every one in the post.
 * The slug is of the heading's source text and code only, not of its reader text (src/toc.ts,
 * headingText): a formula or an image added to reader text would move every link already
 * published to such a heading.
 */
function addHeadingIds(md: MarkdownIt): void {
  md.core.ruler.push("heading_ids", (state) => {
    const tokens = state.tokens;
    const raw = authorIds(tokens);
    const used = new Set<string>([...RESERVED_IDS, ...raw.map(({ id }) => id)]);
    for (const token of tokens) {
      const id = token.type === "heading_open" ? token.attrGet("id") : null;
      if (id) used.add(id);
    }
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type !== "heading_open" || token.attrGet("id")) continue;
      const text = tokens[i + 1]?.children?.filter((t) => t.type === "text" || t.type === "code_inline").map((t) => t.content).join("") ?? "";
      const base = toSlug(text) || "section";
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      token.attrSet("id", id);
    }
    const errors = authorIdErrors(raw, state.env);
    // Every such id in the post at once (src/plugins/markdown.ts collects them), not one per build.
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} ids in the post's HTML that are not unique on its page`);
  });
}

/**
 * A link to each section heading (h2–h6), placed after the heading rather
 * than inside it, so the heading's accessible name stays its text: the
 * "linkAfterHeader" pattern of markdown-it-anchor, after
 * https://amberwilson.co.uk/blog/are-your-anchor-links-accessible/.
 * The visible "#" is hidden from screen readers, which hear
 * "Link to section: <heading>" instead, with the heading's reader text
 * (src/toc.ts, headingText), the words the TOC shows. The ids come from `heading_ids`.
 */
function addHeadingAnchors(md: MarkdownIt): void {
  md.core.ruler.push("heading_anchors", (state) => {
    const tokens = state.tokens;
    const out: typeof tokens = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const id = token.type === "heading_open" && token.tag !== "h1" ? token.attrGet("id") : null;
      if (!id) {
        out.push(token);
        continue;
      }
      const open = new state.Token("html_block", "", 0);
      open.content = `<div class="heading-wrapper">\n`;
      const text = headingText(md, tokens[i + 1]!);
      const close = new state.Token("html_block", "", 0);
      close.content = `<a class="heading-anchor" data-pagefind-ignore href="#${escapeHtml(encodeURIComponent(id))}"><span aria-hidden="true">#</span><span class="visually-hidden">Link to section: ${escapeHtml(text)}</span></a>\n</div>\n`;
      out.push(open, token, tokens[i + 1]!, tokens[i + 2]!, close);
      i += 2;
    }
    state.tokens = out;
  });
}
