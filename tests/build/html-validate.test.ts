import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { FileSystemConfigLoader, HtmlValidate, type Message } from "html-validate";
import { beforeAll, describe, expect, test } from "vitest";
import { htmlValidateConfig } from "../helpers/html-validate-config.ts";
import { sharedKitchenSinkSite } from "../helpers/shared-site.ts";
import type { BuiltSite } from "../helpers/site.ts";

/**
 * A second opinion next to the Nu checker (tests/build/validity.test.ts): html-validate knows
 * content models and ARIA rules the Nu checker does not (an `aria-label` on an element with no
 * role that takes a name, say), on every page of the real site.
 */
describe("every built page passes html-validate with zero errors", () => {
  let site: BuiltSite;
  let pages: string[];
  let findings: string[];
  beforeAll(async () => {
    site = await sharedKitchenSinkSite();
    pages = (await site.files()).filter((file) => file.endsWith(".html"));
    const validator = new HtmlValidate(new FileSystemConfigLoader(htmlValidateConfig));
    findings = [];
    for (const page of pages) {
      const report = await validator.validateString(await readFile(join(site.output, page), "utf8"), page);
      for (const result of report.results) findings.push(...result.messages.map((message) => toFinding(result.filePath, message)));
    }
  });

  test("it checked every kind of page", () => {
    expect(pages).toEqual(expect.arrayContaining(["index.html", "404.html", "about/index.html", "archive/index.html", "search/index.html", "subscribe/index.html", "tags/index.html", "tags/serverless/index.html", "posts/embracing-serverless-architecture/index.html", "posts/kitchen-sink/index.html"]));
  });

  test("no errors or warnings, each printed as file:line:column rule message", () => {
    expect(findings).toEqual([]);
  });
});

function toFinding(file: string, message: Message): string {
  return `${file}:${message.line}:${message.column} ${message.ruleId} ${message.message}`;
}
