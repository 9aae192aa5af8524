import { describe, expect, test } from "vitest";
import { devServerPlugin } from "../../src/plugins/dev-server.ts";
import { clearFailure, failWith, setReportPrinting } from "../../src/build-status.ts";
import { buildInMemory } from "../helpers/bare-eleventy.ts";

type OnRequest = (request: { url: URL }) => { status: number; body: string } | undefined;

describe("devServerPlugin on a bare Eleventy", () => {
  test("while the last build failed, pages (not assets) are the failure report, escaped; a good build serves pages again", async () => {
    let onRequest: OnRequest | undefined;
    await buildInMemory((eleventyConfig) => {
      devServerPlugin(eleventyConfig, { host: "127.0.0.1" });
      onRequest = (eleventyConfig as unknown as { serverOptions: { onRequest: Record<string, OnRequest> } }).serverOptions.onRequest["/*"];
    });
    const request = (path: string) => onRequest!({ url: new URL(path, "http://127.0.0.1:8080") });
    expect(request("/posts/a/")).toBeUndefined();
    setReportPrinting(false);
    failWith("1 problem", "posts/a.md:3  <b>bad</b>");
    expect(request("/posts/a/")).toMatchObject({ status: 500 });
    expect(request("/posts/a/")!.body).toContain("posts/a.md:3  &lt;b&gt;bad&lt;/b&gt;");
    expect(request("/styles.css")).toBeUndefined();
    clearFailure();
    expect(request("/")).toBeUndefined();
  });
});
