/** Output formats for an image: modern formats first, the original last as the fallback for old browsers. */
export function toImageFormats(originalFormat: string): string[] {
  const format = originalFormat === "jpg" ? "jpeg" : originalFormat;
  // Vector and animated images keep their format: re-encoding would lose sharpness or frames.
  if (format === "svg" || format === "gif") return [format];
  return [...new Set(["avif", "webp", format])];
}
