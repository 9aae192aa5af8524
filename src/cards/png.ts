import { crc32 } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Whether `bytes` is a whole PNG of the expected size: the signature, an
 * IHDR with that width and height, every chunk's CRC right
 * (https://www.w3.org/TR/png-3/#5Chunk-layout), ending in IEND. Enough to
 * reject a cached card cut short by a crash or damaged on disk without
 * decoding it.
 */
export function isIntactPng(bytes: Uint8Array, width: number, height: number): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 8 + 25 + 12 || !buffer.subarray(0, 8).equals(SIGNATURE)) return false;
  let offset = 8;
  let first = true;
  while (offset + 12 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > buffer.length) return false;
    const type = buffer.toString("latin1", offset + 4, offset + 8);
    if (crc32(buffer.subarray(offset + 4, offset + 8 + length)) !== buffer.readUInt32BE(offset + 8 + length)) return false;
    if (first && (type !== "IHDR" || buffer.readUInt32BE(offset + 8) !== width || buffer.readUInt32BE(offset + 12) !== height)) return false;
    first = false;
    if (type === "IEND") return end === buffer.length;
    offset = end;
  }
  return false;
}

/** Names of a PNG's chunks in order (tests: no tIME, tEXt or other metadata that would vary). */
export function pngChunkTypes(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  for (let offset = 8; offset + 12 <= buffer.length; offset += 12 + buffer.readUInt32BE(offset)) types.push(buffer.toString("latin1", offset + 4, offset + 8));
  return types;
}
