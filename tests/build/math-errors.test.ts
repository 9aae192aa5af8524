import { expect, test } from "vitest";
import { buildSite, post } from "../helpers/site.ts";

/** Every message in an error and its causes: Eleventy wraps a template's error in its own. */
function messages(error: unknown): string {
  const out: string[] = [];
  for (let current: unknown = error; current instanceof Error && out.length < 10; ) {
    out.push(current.message);
    current = (current as Error & { originalError?: unknown }).originalError ?? current.cause;
  }
  return out.join("\n");
}

test("TeX that does not parse stops the real build, naming the post file, its line, the TeX and Temml's message", async () => {
  // Line 1 `---`, 2–3 front matter, 4 `---`, 5 blank, 6 "Intro.", 7 blank, 8 the formula's paragraph, 9 the bad TeX.
  const source = post("title: Bad math\ndate: 2024-01-01", "Intro.\n\nFine $x^2$ so far,\nthen $\\frac{1}{$ breaks.");
  expect(source.split("\n")[8]).toBe("then $\\frac{1}{$ breaks.");
  let error: unknown;
  try {
    const site = await buildSite({ posts: { "bad-math.md": source } });
    await site.cleanup();
  } catch (caught) {
    error = caught;
  }
  expect(error, "the build succeeded").toBeInstanceOf(Error);
  // Collected and reported once, as `file:line  problem`, in the AuthoringError's report (src/build-status.ts).
  const report = (error as { report?: unknown }).report;
  expect(typeof report === "string" ? report : messages(error)).toMatch(/posts\/bad-math\.md:9  the math \$\\frac\{1\}\{\$ is not TeX that Temml can read: .*expected '\}'/s);
});
