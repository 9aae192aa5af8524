/**
 * Text as editors save it, for tests of the decoder every author file goes
 * through (src/text-encoding.ts): UTF-8 with and without its byte-order mark,
 * UTF-16 LE/BE with theirs (PowerShell 5, Visual Studio), Windows-1252, and
 * byte sequences that are not UTF-8 at all. Generated from a seed, so a
 * failure replays.
 */

/** A small seeded PRNG (mulberry32): the same cases on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const ASCII_LINES = ["export const port = 8080;", "", "  indented();", "# a comment", "SELECT 1;", "<p>tag</p> & \"quotes\"", "\ttab"];
const UNICODE_LINES = ["const café = \"naïve\";", "// 日本語のコメント", "emoji = \"🚀👩‍💻\"", "Ελληνικά — “quotes” ’", "x\u0301 combining", "العربية"];

/** Lines of text: ASCII with, when `unicode`, characters from every plane mixed in. */
export function generateLines(random: () => number, count: number, unicode = true): string[] {
  return Array.from({ length: count }, () => pick(random, unicode && random() < 0.5 ? UNICODE_LINES : ASCII_LINES));
}

export const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "utf8"));
export const utf8WithBom = (text: string): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]);
export const utf16leWithBom = (text: string): Uint8Array => Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
export function utf16beWithBom(text: string): Uint8Array {
  const bytes = Buffer.from(text, "utf16le");
  return Uint8Array.from([0xfe, 0xff, ...Buffer.from(bytes).swap16()]);
}

/** Characters Windows-1252 has and ASCII has not, with their byte (0x80–0x9F differ from Latin-1). */
export const WINDOWS_1252: ReadonlyArray<{ char: string; byte: number }> = [
  { char: "€", byte: 0x80 }, { char: "‚", byte: 0x82 }, { char: "“", byte: 0x93 }, { char: "”", byte: 0x94 }, { char: "’", byte: 0x92 },
  { char: "–", byte: 0x96 }, { char: "—", byte: 0x97 }, { char: "™", byte: 0x99 }, { char: "Ÿ", byte: 0x9f },
  { char: "\u00a0", byte: 0xa0 }, { char: "©", byte: 0xa9 }, { char: "°", byte: 0xb0 }, { char: "À", byte: 0xc0 }, { char: "é", byte: 0xe9 }, { char: "ÿ", byte: 0xff },
];

/** ASCII lines with one Windows-1252 character, saved as Windows-1252; `line` is where that character is (1-based). */
export function windows1252File(random: () => number, lineCount: number): { bytes: Uint8Array; line: number; byte: number; char: string } {
  const lines = generateLines(random, lineCount, false);
  const line = 1 + Math.floor(random() * lineCount);
  const { char, byte } = pick(random, WINDOWS_1252);
  const before = lines.slice(0, line - 1).map((text) => `${text}\n`).join("");
  const text = lines[line - 1]!;
  const at = Math.floor(random() * (text.length + 1));
  const after = `${text.slice(at)}\n${lines.slice(line).join("\n")}`;
  return { bytes: Uint8Array.from([...Buffer.from(before + text.slice(0, at), "ascii"), byte, ...Buffer.from(after, "ascii")]), line, byte, char };
}

/**
 * Byte sequences no UTF-8 decoder accepts (https://encoding.spec.whatwg.org/#utf-8-decoder):
 * stray continuation bytes, overlong forms, surrogates, code points past U+10FFFF,
 * bytes never used, and sequences cut short.
 */
export const INVALID_UTF8: ReadonlyArray<{ name: string; bytes: readonly number[] }> = [
  { name: "a stray continuation byte", bytes: [0x80] },
  { name: "a stray continuation byte (0xBF)", bytes: [0xbf] },
  { name: "an overlong 2-byte form (C0 AF)", bytes: [0xc0, 0xaf] },
  { name: "an overlong 2-byte form (C1 BF)", bytes: [0xc1, 0xbf] },
  { name: "an overlong 3-byte form (E0 80 AF)", bytes: [0xe0, 0x80, 0xaf] },
  { name: "an overlong 4-byte form (F0 80 80 AF)", bytes: [0xf0, 0x80, 0x80, 0xaf] },
  { name: "a UTF-16 surrogate (ED A0 80)", bytes: [0xed, 0xa0, 0x80] },
  { name: "a code point past U+10FFFF (F4 90 80 80)", bytes: [0xf4, 0x90, 0x80, 0x80] },
  { name: "a byte never used (F5)", bytes: [0xf5, 0x80, 0x80, 0x80] },
  { name: "a byte never used (FE)", bytes: [0xfe] },
  { name: "a 3-byte sequence cut short", bytes: [0xe2, 0x82] },
  { name: "a 4-byte sequence cut short", bytes: [0xf0, 0x9f, 0x98] },
  { name: "a lead byte followed by ASCII", bytes: [0xc3, 0x41] },
];
