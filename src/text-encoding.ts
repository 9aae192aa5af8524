/**
 * The one decoder for every text file the blog reads for an author (posts,
 * snippet sources): UTF-8, with or without its byte-order mark, or an error
 * that says what the file is and how to re-save it. Node's `readFileSync(…,
 * "utf8")` would turn anything else into U+FFFD replacement characters and
 * publish them without a word.
 */

/** Why a file's bytes are not UTF-8 text: the 1-based line to look at, and a sentence that starts with a verb ("is …"). */
export interface EncodingProblem {
  line: number;
  description: string;
}

export type DecodedText = { text: string } | { problem: EncodingProblem };

const RESAVE = 're-save the file as UTF-8 (VS Code: "Save with Encoding" → UTF-8; iconv -f windows-1252 -t utf-8)';

/**
 * Byte-order marks of the encodings Windows tools save by default
 * (PowerShell 5's `>` and `Out-File`, Visual Studio's "Unicode"), longest
 * first: UTF-32 LE's mark begins with UTF-16 LE's.
 * https://www.unicode.org/faq/utf_bom.html#bom4
 */
const UNICODE_BOMS: ReadonlyArray<{ name: string; iconv: string; bytes: readonly number[] }> = [
  { name: "UTF-32 LE", iconv: "utf-32le", bytes: [0xff, 0xfe, 0x00, 0x00] },
  { name: "UTF-32 BE", iconv: "utf-32be", bytes: [0x00, 0x00, 0xfe, 0xff] },
  { name: "UTF-16 LE", iconv: "utf-16le", bytes: [0xff, 0xfe] },
  { name: "UTF-16 BE", iconv: "utf-16be", bytes: [0xfe, 0xff] },
];

/**
 * Windows-1252 0x80–0x9F (https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT),
 * with the five bytes it leaves undefined as control characters, as browsers
 * decode them; 0xA0–0xFF equal Latin-1. Written out because Node without full
 * ICU decodes "windows-1252" as Latin-1, which makes 0x96 a control character, not "–".
 */
export const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** The character a byte stands for in Windows-1252, or undefined for the five bytes it does not use. */
function windows1252Char(byte: number): string | undefined {
  if (byte < 0x80 || byte >= 0xa0) return String.fromCharCode(byte);
  const char = WINDOWS_1252_HIGH[byte - 0x80]!;
  return char.charCodeAt(0) < 0xa0 ? undefined : char;
}

const hex = (byte: number) => byte.toString(16).toUpperCase().padStart(2, "0");

/** The text of a file's bytes, without a UTF-8 byte-order mark, or what is wrong with them. */
export function decodeAuthorText(bytes: Uint8Array): DecodedText {
  for (const bom of UNICODE_BOMS) {
    if (bom.bytes.every((byte, index) => bytes[index] === byte)) {
      return {
        problem: {
          line: 1,
          description: `is ${bom.name} (byte-order mark ${bom.bytes.map(hex).join(" ")}): re-save the file as UTF-8 (VS Code: "Save with Encoding" → UTF-8; PowerShell: Set-Content -Encoding utf8; iconv -f ${bom.iconv} -t utf-8)`,
        },
      };
    }
  }
  try {
    // The WHATWG decoder drops a leading UTF-8 byte-order mark (ignoreBOM defaults to false).
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const line = 1 + bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length;
    const byte = bytes[offset] ?? 0;
    const guess = windows1252Char(byte);
    const reading = guess === undefined ? "which Windows-1252 does not use either" : `in Windows-1252 it would be "${guess}"`;
    return { problem: { line, description: `is not UTF-8: byte 0x${hex(byte)} on line ${line} (${reading}): ${RESAVE}` } };
  }
}

/**
 * The offset of the first byte that does not begin a well-formed UTF-8
 * sequence (https://encoding.spec.whatwg.org/#utf-8-decoder: lead byte,
 * then continuation bytes in the ranges it allows).
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const [length, low, high] = lead < 0x80 ? [1, 0, 0] : lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf] : lead === 0xe0 ? [3, 0xa0, 0xbf] : lead === 0xed ? [3, 0x80, 0x9f] : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf] : lead === 0xf0 ? [4, 0x90, 0xbf] : lead === 0xf4 ? [4, 0x80, 0x8f] : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += length;
  }
  return bytes.length;
}
