/**
 * Characters that XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets: C0
 * controls other than tab, LF and CR, lone surrogates, U+FFFE, U+FFFF) or that
 * are HTML parse errors (https://html.spec.whatwg.org/#preprocessing-the-input-stream:
 * controls and noncharacters), e.g. a form feed, backspace or ESC pasted from
 * a PDF or a terminal. One such character makes a whole feed invalid XML, and
 * a feed reader stops updating it. They carry no text, so they are removed.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// The same code points written as character references in HTML or XML (`&#8;`, `&#x1B;`).
const FORBIDDEN_REFERENCE = /&#(?:x0*([\da-f]+)|0*(\d+));/gi;

// …and as JSON string escapes (`\f`, `\u001b`), after an even number of backslashes.
const FORBIDDEN_JSON_ESCAPE = /(?<!\\)((?:\\\\)*)\\(?:[bf]|u([\da-fA-F]{4}))/g;

function isForbidden(codePoint: number): boolean {
  if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return true;
  // Noncharacters: U+FDD0–U+FDEF, and the last two code points of every plane.
  if ((codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe) return true;
  return (codePoint <= 0x1f && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d) || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** Text with every forbidden character removed. */
export function removeControlCharacters(text: string): string {
  return text.replace(FORBIDDEN, "");
}

/** An HTML or XML document without forbidden characters, written raw or as character references. */
export function removeControlCharactersFromMarkup(markup: string): string {
  return removeControlCharacters(markup).replace(FORBIDDEN_REFERENCE, (reference, hex?: string, decimal?: string) =>
    isForbidden(hex ? parseInt(hex, 16) : Number(decimal)) ? "" : reference,
  );
}

/** A JSON document without forbidden characters, written raw or as string escapes. */
export function removeControlCharactersFromJson(json: string): string {
  return removeControlCharacters(json).replace(FORBIDDEN_JSON_ESCAPE, (escape, backslashes: string, hex?: string) =>
    hex === undefined || isForbidden(parseInt(hex, 16)) ? backslashes : escape,
  );
}

/** Where forbidden characters are in a source file: 1-based line, and the character's code point as U+XXXX. */
export function findControlCharacters(source: string): Array<{ line: number; codePoint: string }> {
  const found: Array<{ line: number; codePoint: string }> = [];
  source.split("\n").forEach((text, index) => {
    for (const [character] of text.matchAll(FORBIDDEN)) {
      found.push({ line: index + 1, codePoint: `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` });
    }
  });
  return found;
}
