/**
 * Mojibake: UTF-8 text decoded with the wrong charset and saved again, so
 * `’` (bytes E2 80 99) becomes `â€™` (read as Windows-1252) or `‚Äô` (read as
 * Mac Roman). We map a run of suspicious characters back to the bytes those
 * charsets give them and report it when the bytes are valid multi-byte UTF-8.
 */

import { WINDOWS_1252_HIGH } from "./text-encoding.ts";

// Mac Roman 0x80–0xFF (https://www.unicode.org/Public/MAPPINGS/VENDORS/APPLE/ROMAN.TXT).
const MAC_ROMAN_HIGH =
  "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

function byteTable(high: string, latin1Upper: boolean): Map<string, number> {
  const table = new Map<string, number>();
  [...high].forEach((char, index) => table.set(char, 0x80 + index));
  if (latin1Upper) for (let byte = 0xa0; byte <= 0xff; byte++) table.set(String.fromCharCode(byte), byte);
  return table;
}

const CHARSETS = [byteTable(WINDOWS_1252_HIGH, true), byteTable(MAC_ROMAN_HIGH, false)];

// Sequences seen in the wild whose first byte was lost (e.g. Mac Roman's 0xF0 before an emoji).
const KNOWN = ["â€", "‚Äô", "‚Äú", "‚Äù", "‚Äî", "‚Äì", "‚Ä¶", "Ã©", "Ã¨", "Ã ", "Ã¢", "Ã§", "ðŸ", "üëâ", "üó", "üòÄ", "ü§"];

/** Length in bytes of the valid UTF-8 multi-byte sequence at `index`, or 0. */
function utf8SequenceAt(bytes: number[], index: number): number {
  const lead = bytes[index]!;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || index + length > bytes.length) return 0;
  for (let i = 1; i < length; i++) if ((bytes[index + i]! & 0xc0) !== 0x80) return 0;
  return length;
}

function isMisdecoded(run: string, table: Map<string, number>): boolean {
  const chars = [...run];
  const bytes: number[] = [];
  for (const char of chars) {
    const byte = char.charCodeAt(0) < 0x80 ? char.charCodeAt(0) : table.get(char);
    if (byte === undefined) return false;
    bytes.push(byte);
  }
  return bytes.some((_, index) => utf8SequenceAt(bytes, index) > 0);
}

export interface MojibakeHit {
  /** 1-based line. */
  line: number;
  /** 1-based column of the sequence. */
  column: number;
  /** The garbled text, as found. */
  sequence: string;
}

// Runs of two or more non-ASCII characters that a charset above can produce.
const SUSPECT_RUN = /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u0131\u02c6-\u02dd\u03a9\u03c0\u2013-\u2044\u20ac\u2122\u2202-\u2265\u25ca\uf8ff\ufb01\ufb02]{2,}/g;

/** Every garbled sequence in a text, with its line and column. */
export function findMojibake(text: string): MojibakeHit[] {
  const hits: MojibakeHit[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const found = new Map<number, string>();
    for (const match of line.matchAll(SUSPECT_RUN)) {
      if (CHARSETS.some((table) => isMisdecoded(match[0], table))) found.set(match.index, match[0]);
    }
    for (const sequence of KNOWN) {
      for (let at = line.indexOf(sequence); at !== -1; at = line.indexOf(sequence, at + 1)) {
        if (![...found].some(([start, run]) => at >= start && at < start + run.length)) found.set(at, sequence);
      }
    }
    for (const [column, sequence] of [...found].sort((a, b) => a[0] - b[0])) hits.push({ line: index + 1, column: column + 1, sequence });
  });
  return hits;
}
