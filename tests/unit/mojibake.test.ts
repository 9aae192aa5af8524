import { expect, test } from "vitest";
import { findMojibake } from "../../src/mojibake.ts";

test.each([
  ["don‚Äôt", "‚Äô"],
  ["it\u00e2\u20ac\u2122s", "\u00e2\u20ac\u2122"],
  ["caf\u00c3\u00a9", "\u00c3\u00a9"],
  ["cr\u00c3\u00a8me", "\u00c3\u00a8"],
  ["\u00e2\u20ac\u0153quoted", "\u00e2\u20ac\u0153"],
  ["\u00f0\u0178\u0161\u20ac launch", "\u00f0\u0178\u0161\u20ac"],
  ["üëâ Catch Episode 1", "üëâ"],
])("finds %j", (text, sequence) => {
  expect(findMojibake(`first line\n${text}`)).toEqual([{ line: 2, column: text.indexOf(sequence) + 1, sequence }]);
});

test("real text in many languages is not mojibake", () => {
  const text = "Café, naïve, Zürich, São Paulo, Ærø, Łódź, “quoted” ‘single’ — dash… 日本語 👉 🗨️ München ß © ™ €5 ½";
  expect(findMojibake(text)).toEqual([]);
});
