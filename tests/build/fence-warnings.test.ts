import { afterEach, describe, expect, test, vi } from "vitest";
import { describeUnknownLanguage, suggestLanguage } from "../../src/fence-languages.ts";
import { buildSite, post } from "../helpers/site.ts";

describe("a fence in a language Prism does not know", () => {
  afterEach(() => vi.restoreAllMocks());

  test("warns in every build, at the fence's line in the file, with the language meant; the build succeeds", async () => {
    const warnings: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((message: unknown) => void warnings.push(String(message)));
    const site = await buildSite({ posts: { "typo.md": post("title: Typo\ndate: 2024-01-01\ntags: [x]", "Intro.\n\n```pyhton\nprint(1)\n```\n\n```python\nprint(2)\n```") } });
    await site.cleanup();
    const ours = warnings.filter((warning) => warning.startsWith("[blog]"));
    expect(ours).toEqual([`[blog] warning ./posts/typo.md:9  ${describeUnknownLanguage("pyhton")}`]);
    expect(ours[0]).toContain("did you mean python?");
  });

  test("suggestions come from every name and alias Prism knows", () => {
    expect(suggestLanguage("pyhton")).toBe("python");
    expect(suggestLanguage("javscript")).toBe("javascript");
    expect(suggestLanguage("typescirpt")).toBe("typescript");
    expect(suggestLanguage("terraform")).toBeUndefined();
  });
});
