import { spawn, type ChildProcess } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../helpers/dev-server.ts";
import { configPath, makeFixture, post, projectRoot } from "../helpers/site.ts";

/** Local addresses with a listening TCP socket on `port`, read from the kernel's own table (/proc/net/tcp, tcp6). */
async function listeningAddresses(port: number): Promise<string[]> {
  const addresses: string[] = [];
  for (const [file, decode] of [["/proc/net/tcp", decodeIpv4], ["/proc/net/tcp6", decodeIpv6]] as const) {
    const rows = (await readFile(file, "utf8").catch(() => "")).split("\n").slice(1);
    for (const row of rows) {
      const [, local, , state] = row.trim().split(/\s+/);
      if (!local || state !== "0A") continue; // 0A: LISTEN
      const [address, hexPort] = local.split(":");
      if (parseInt(hexPort!, 16) === port) addresses.push(decode(address!));
    }
  }
  return addresses;
}
const decodeIpv4 = (hex: string) => hex.match(/../g)!.reverse().map((byte) => parseInt(byte, 16)).join(".");
const decodeIpv6 = (hex: string) => (/^0{32}$/.test(hex) ? "::" : /^0{24}01000000$/.test(hex) ? "::1" : hex);

async function waitFor(check: () => Promise<boolean>, what: string, timeout = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("npm start (the dev server)", () => {
  let input: string;
  let port: number;
  let child: ChildProcess;
  let output = "";
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;

  beforeAll(async () => {
    input = await makeFixture({ posts: { "hello.md": post("title: Hello\ndate: 2024-01-01", "First version.") } });
    port = await freePort();
    child = spawn(join(projectRoot, "node_modules/.bin/tsx"), [join(projectRoot, "node_modules/@11ty/eleventy/cmd.cjs"), `--config=${configPath}`, "--serve", `--port=${port}`], {
      cwd: input,
      env: { ...process.env, SEARCH_INDEX: "off", SOCIAL_CARDS: "off", BLOG_HOST: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    await waitFor(async () => (await fetch(url("/posts/hello/")).catch(() => undefined))?.ok === true, `the dev server (${output})`);
  });
  afterAll(async () => {
    // The folder goes only once the server has exited: until then a rebuild may still be writing into _site/.
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill();
      });
    }
    await rm(input, { recursive: true, force: true });
  });

  test("listens on 127.0.0.1 only, not on every interface", async () => {
    expect(await listeningAddresses(port)).toEqual(["127.0.0.1"]);
  });

  test("a failed rebuild is shown in the browser, with the report, until it is fixed", async () => {
    const file = join(input, "posts/hello.md");
    await writeFile(file, post("title: Hello\ndate: 2024-01-01\ndrafts: true", "Second version."));
    await waitFor(async () => (await fetch(url("/posts/hello/"))).status === 500, "the failure page");
    const failure = parseHTML(await (await fetch(url("/"))).text()).document;
    expect(failure.querySelector("h1")?.textContent).toBe("The build failed");
    expect(failure.querySelector("pre")?.textContent).toContain("posts/hello.md:4  drafts: true");
    expect(failure.querySelector("pre")?.textContent).toContain("did you mean draft?");
    // Assets are still served, so the failure page is styled.
    expect((await fetch(url("/styles.css"))).status).toBe(200);

    await writeFile(file, post("title: Hello\ndate: 2024-01-01\ndraft: true", "Third version."));
    await waitFor(async () => (await fetch(url("/posts/hello/"))).status === 200, "the fixed page");
    const fixed = parseHTML(await (await fetch(url("/posts/hello/"))).text()).document;
    expect(fixed.querySelector("article")?.textContent).toContain("Third version.");
  });
});
