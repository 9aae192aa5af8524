import { describe, expect, test } from "vitest";
import { decodeAuthorText, firstInvalidUtf8Offset } from "../../src/text-encoding.ts";
import { generateLines, INVALID_UTF8, seeded, utf16beWithBom, utf16leWithBom, utf8, utf8WithBom, windows1252File } from "../helpers/encodings.ts";

/** The one decoder for posts and snippet files, over generated files in every encoding an editor saves. */
const random = seeded(18);
const texts = Array.from({ length: 60 }, (_, index) => generateLines(random, 1 + (index % 12)).join(index % 3 === 0 ? "\r\n" : "\n"));

describe("decodeAuthorText", () => {
  test("UTF-8, with or without its byte-order mark, is the text (the mark dropped)", () => {
    for (const text of texts) {
      expect(decodeAuthorText(utf8(text))).toEqual({ text });
      expect(decodeAuthorText(utf8WithBom(text))).toEqual({ text });
    }
  });

  test("UTF-16 LE and BE are recognised by their byte-order mark and named, at line 1, with how to re-save", () => {
    for (const text of texts) {
      expect(decodeAuthorText(utf16leWithBom(text))).toEqual({ problem: { line: 1, description: expect.stringMatching(/^is UTF-16 LE \(byte-order mark FF FE\): re-save the file as UTF-8 .*iconv -f utf-16le -t utf-8/) } });
      expect(decodeAuthorText(utf16beWithBom(text))).toEqual({ problem: { line: 1, description: expect.stringMatching(/^is UTF-16 BE \(byte-order mark FE FF\): re-save the file as UTF-8 .*iconv -f utf-16be -t utf-8/) } });
    }
  });

  test("UTF-32 is named too, not mistaken for UTF-16", () => {
    const le = Uint8Array.from([0xff, 0xfe, 0, 0, ...Buffer.from("a\0\0\0")]);
    expect(decodeAuthorText(le)).toMatchObject({ problem: { line: 1, description: expect.stringMatching(/^is UTF-32 LE \(byte-order mark FF FE 00 00\)/) } });
  });

  test("Windows-1252 is reported at the line of its first non-ASCII byte, with the character it stands for", () => {
    for (let count = 1; count <= 40; count++) {
      const file = windows1252File(random, count);
      const hex = file.byte.toString(16).toUpperCase();
      expect(decodeAuthorText(file.bytes)).toEqual({
        problem: { line: file.line, description: `is not UTF-8: byte 0x${hex} on line ${file.line} (in Windows-1252 it would be "${file.char}"): re-save the file as UTF-8 (VS Code: "Save with Encoding" → UTF-8; iconv -f windows-1252 -t utf-8)` },
      });
    }
  });

  test.each([0x81, 0x8d, 0x8f, 0x90, 0x9d])("byte 0x%s, which Windows-1252 leaves undefined, is not given a reading", (byte) => {
    expect(decodeAuthorText(Uint8Array.from([0x61, 0x0a, byte, 0x0a]))).toEqual({ problem: { line: 2, description: expect.stringContaining(`byte 0x${byte.toString(16).toUpperCase()} on line 2 (which Windows-1252 does not use either)`) } });
  });

  test.each(INVALID_UTF8)("$name is reported at its line, after valid multi-byte text", ({ bytes }) => {
    for (let lineCount = 1; lineCount <= 8; lineCount++) {
      const before = utf8(`${generateLines(random, lineCount).join("\n")}\n`);
      const after = utf8(`\n${generateLines(random, 3).join("\n")}`);
      const decoded = decodeAuthorText(Uint8Array.from([...before, ...bytes, ...after]));
      expect(decoded).toMatchObject({ problem: { line: lineCount + 1, description: expect.stringContaining(`byte 0x${bytes[0]!.toString(16).toUpperCase()} on line ${lineCount + 1}`) } });
    }
  });
});

describe("firstInvalidUtf8Offset", () => {
  test("agrees with the WHATWG decoder on random bytes: everything before it decodes, nothing that reaches past it does", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const decodes = (bytes: Uint8Array) => {
      try {
        fatal.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    for (let run = 0; run < 500; run++) {
      // Mostly valid text with a few random bytes in it, so offsets land everywhere.
      const bytes = [...utf8(generateLines(random, 3).join("\n"))];
      for (let k = Math.floor(random() * 3); k > 0; k--) bytes.splice(Math.floor(random() * (bytes.length + 1)), 0, Math.floor(random() * 256));
      const array = Uint8Array.from(bytes);
      const offset = firstInvalidUtf8Offset(array);
      expect(decodes(array.subarray(0, offset))).toBe(true);
      if (offset === array.length) continue;
      for (let end = offset + 1; end <= Math.min(array.length, offset + 4); end++) expect(decodes(array.subarray(0, end))).toBe(false);
    }
  });
});
