import { expect, test } from "vitest";
import { toSlug } from "../../src/slugs.ts";

test.each([
  ["cloud computing", "cloud-computing"],
  ["Serverless", "serverless"],
  ["C++", "c-plus-plus"],
  ["C#", "c-sharp"],
  ["C", "c"],
  ["node.js", "node-js"],
  ["CI/CD", "ci-cd"],
  ["../../etc/passwd", "etc-passwd"],
  ["日本語", "日本語"],
  ["Café crème", "café-crème"],
  ["  spaced   out  ", "spaced-out"],
  ["R&D", "r-and-d"],
])("%s → %s", (text, slug) => {
  expect(toSlug(text)).toBe(slug);
});

test("a tag of only punctuation has no slug", () => {
  expect(toSlug("!!!")).toBe("");
});
