import { DOMParser } from "linkedom";
import { describe, expect, test } from "vitest";
import { findControlCharacters, removeControlCharacters, removeControlCharactersFromJson, removeControlCharactersFromMarkup } from "../../src/control-characters.ts";

// Every code point that XML 1.0 forbids or that HTML calls a parse error, and some that both allow.
const FORBIDDEN = [0x0, 0x8, 0xb, 0xc, 0x1b, 0x1f, 0x7f, 0x85, 0x9f, 0xfdd0, 0xfffe, 0xffff, 0x1fffe, 0x10ffff];
const ALLOWED = ["\t", "\n", "\r", " ", "é", "日本", "😀", "\u00a0", "\ufeff", "\u200b", "\ufffd"];

describe("characters XML and HTML forbid", () => {
  test("are removed, and nothing else is", () => {
    const text = FORBIDDEN.map((codePoint) => `a${String.fromCodePoint(codePoint)}`).join("") + ALLOWED.join("");
    expect(removeControlCharacters(text)).toBe("a".repeat(FORBIDDEN.length) + ALLOWED.join(""));
    // Lone surrogates (a string cut in the middle of an emoji) are not characters at all.
    expect(removeControlCharacters("x\ud83dy\ude00z😀")).toBe("xyz😀");
  });

  test("written as character references in markup, they go too; allowed ones and escaped text stay", () => {
    const markup = "<p>a&#8;b&#x1B;c&#X0C;d&#12;e&#x85;f&#10;g&#xe9;h&amp;#8;</p>";
    expect(removeControlCharactersFromMarkup(markup)).toBe("<p>abcdef&#10;g&#xe9;h&amp;#8;</p>");
  });

  test("a feed with them parses as XML once they are removed", () => {
    const xml = `<?xml version="1.0"?><rss><channel><title>Form\ffeed, back\bspace, esc\u001b &#27;</title></channel></rss>`;
    const parsed = new DOMParser().parseFromString(removeControlCharactersFromMarkup(xml), "text/xml");
    expect(parsed.querySelector("title")?.textContent).toBe("Formfeed, backspace, esc ");
  });

  test("in JSON, raw or as escapes, after any number of backslashes", () => {
    const json = JSON.stringify({ title: "a\fb\bc\u001bd\u0000e\u0085f\\fg\\\\\fh\ud800i", ok: "tab\there\nnew" });
    expect(JSON.parse(removeControlCharactersFromJson(json))).toEqual({ title: "abcdef\\fg\\\\hi", ok: "tab\there\nnew" });
  });

  test("are found in a source with their line and code point, for npm run check", () => {
    expect(findControlCharacters("---\ntitle: a\fb\n---\n\nText\u001b here, fine é\n")).toEqual([
      { line: 2, codePoint: "U+000C" },
      { line: 5, codePoint: "U+001B" },
    ]);
  });
});
