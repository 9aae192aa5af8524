import { Tokenizer, TokenizerMode, type Token, type TokenHandler } from "parse5";

/**
 * A TypeScript port of the CommonMark spec's own test normaliser,
 * https://github.com/commonmark/commonmark-spec/blob/master/test/normalize.py
 * so "passes" means what it means in the spec's runner: whitespace between and
 * at the edges of block tags, attribute order, character references, tag case
 * and `<br />` versus `<br>` do not count.
 *
 * Like the original (Python's HTMLParser), it works on the token stream,
 * not on a tree: an HTML5 tree builder would move or drop misnested tags and
 * hide real differences. Two deliberate simplifications, applied to both
 * sides alike: text and attribute values are always re-escaped (`<`, `>`,
 * `&`, `"`), and a valueless attribute equals one with an empty value.
 */
export function normalizeHtml(html: string): string {
  const normaliser = new Normaliser();
  let at = 0;
  // The original passes CDATA sections through verbatim, as its parser cannot read them.
  for (const match of html.matchAll(/<!\[CDATA\[[\s\S]*?\]\]>/g)) {
    normaliser.feed(html.slice(at, match.index));
    normaliser.output += match[0];
    at = match.index + match[0].length;
  }
  normaliser.feed(html.slice(at));
  return normaliser.output;
}

const BLOCK_TAGS: ReadonlySet<string> = new Set([
  "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button", "object", "canvas",
  "ol", "caption", "output", "col", "p", "colgroup", "pre", "dd", "progress", "div", "section", "dl", "table", "td", "dt",
  "tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption", "th", "figure", "thead", "footer", "tr", "form", "ul",
  "h1", "h2", "h3", "h4", "h5", "h6", "video", "script", "style",
]);

type Last = "starttag" | "endtag" | "data" | "comment" | "decl";

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function attributes(attrs: Token.Attribute[]): string {
  // Python sorts (name, value) pairs.
  const sorted = [...attrs].sort((a, b) => (a.name === b.name ? (a.value < b.value ? -1 : 1) : a.name < b.name ? -1 : 1));
  return sorted.map(({ name, value }) => (value === "" ? ` ${name}` : ` ${name}="${escape(value)}"`)).join("");
}

/** MyHTMLParser's state and handlers, fed by parse5's tokenizer. */
class Normaliser implements TokenHandler {
  output = "";
  private last: Last = "starttag";
  private lastTag = "";
  private inPre = false;
  // parse5 splits text into several character tokens; HTMLParser hands it over in one piece.
  private text = "";
  private tokenizer: Tokenizer | undefined;

  feed(html: string): void {
    this.tokenizer = new Tokenizer({ sourceCodeLocationInfo: false }, this);
    this.tokenizer.write(html, true);
  }

  onCharacter(token: Token.CharacterToken): void {
    this.text += token.chars;
  }

  onWhitespaceCharacter(token: Token.CharacterToken): void {
    this.text += token.chars;
  }

  onNullCharacter(token: Token.CharacterToken): void {
    this.text += token.chars;
  }

  onEof(): void {
    this.flushText();
  }

  onComment(token: Token.CommentToken): void {
    this.flushText();
    this.output += `<!--${token.data}-->`;
    this.last = "comment";
  }

  onDoctype(token: Token.DoctypeToken): void {
    this.flushText();
    this.output += `<!DOCTYPE ${token.name ?? ""}>`;
    this.last = "decl";
  }

  onStartTag(token: Token.TagToken): void {
    this.flushText();
    const tag = token.tagName;
    if (tag === "pre") this.inPre = true;
    if (BLOCK_TAGS.has(tag)) this.output = this.output.trimEnd();
    this.output += `<${tag}${attributes(token.attrs)}>`;
    this.lastTag = tag;
    // handle_startendtag: `<br />` counts as closed.
    this.last = token.selfClosing ? "endtag" : "starttag";
    // HTMLParser reads script and style content as text (its CDATA mode); the tokenizer needs telling.
    if (!token.selfClosing && (tag === "script" || tag === "style") && this.tokenizer) {
      this.tokenizer.state = tag === "script" ? TokenizerMode.SCRIPT_DATA : TokenizerMode.RAWTEXT;
    }
  }

  onEndTag(token: Token.TagToken): void {
    this.flushText();
    const tag = token.tagName;
    if (tag === "pre") this.inPre = false;
    else if (BLOCK_TAGS.has(tag)) this.output = this.output.trimEnd();
    this.output += `</${tag}>`;
    this.lastTag = tag;
    this.last = "endtag";
  }

  /** handle_data */
  private flushText(): void {
    if (this.text === "") return;
    let data = this.text;
    this.text = "";
    const afterTag = this.last === "endtag" || this.last === "starttag";
    const afterBlockTag = afterTag && BLOCK_TAGS.has(this.lastTag);
    if (afterTag && this.lastTag === "br") data = data.replace(/^\n+/, "");
    if (!this.inPre) data = data.replace(/\s+/g, " ");
    if (afterBlockTag && !this.inPre) data = this.last === "starttag" ? data.trimStart() : data.trim();
    this.output += escape(data);
    this.last = "data";
  }
}
