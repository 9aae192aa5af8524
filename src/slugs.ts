/**
 * Slugs for tags and headings. Unlike Eleventy's `slugify`, symbols that carry
 * meaning are spelled out, so `C++`, `C#` and `C` get distinct URLs, and
 * letters of every script survive, so `日本語` keeps a working URL.
 */
const SPELLED_OUT: Array<[RegExp, string]> = [
  [/\+/g, " plus "],
  [/#/g, " sharp "],
  [/&/g, " and "],
  [/@/g, " at "],
];

export function toSlug(text: string): string {
  let slug = text.normalize("NFKC").toLowerCase();
  for (const [symbol, words] of SPELLED_OUT) slug = slug.replace(symbol, words);
  // Anything that is not a letter, digit or combining mark (including `/`, `.` and `%`) becomes a
  // separator: the slug can never climb out of its folder or be mistaken for an encoded byte.
  return slug
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}
