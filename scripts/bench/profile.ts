import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Self time from a V8 .cpuprofile (what `node --cpu-prof` writes:
 * https://nodejs.org/api/cli.html#--cpu-prof), grouped by function and by
 * where the code lives (a package, a project file, Node internals, GC).
 */
export interface ProfileSummary {
  totalMs: number;
  byArea: Array<{ area: string; ms: number }>;
  byFunction: Array<{ fn: string; area: string; ms: number }>;
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/@11ty/eleventy/src/x.js` → `@11ty/eleventy`; project files keep their path. */
export function areaOf(url: string, functionName: string, projectRoot: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const path = url.replace(/^file:\/\//, "");
  const modules = path.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const parts = path.slice(modules + "/node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (path.startsWith(projectRoot)) return path.slice(projectRoot.length + 1);
  return path;
}

export function summariseProfile(profile: CpuProfile, projectRoot: string, top = 15): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, { fn: string; area: string; ms: number }>();
  let totalMs = 0;
  for (const [id, ms] of selfByNode) {
    const frame = nodes.get(id)!.callFrame;
    const area = areaOf(frame.url, frame.functionName, projectRoot);
    const file = frame.url.split("/").pop() ?? "";
    const fn = `${frame.functionName || "(anonymous)"} ${file ? `${file}:${frame.lineNumber + 1}` : ""}`.trim();
    totalMs += ms;
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const key = `${area}|${fn}`;
    const entry = byFunction.get(key) ?? { fn, area, ms: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
  }
  return {
    totalMs,
    byArea: [...byArea].map(([area, ms]) => ({ area, ms })).sort((a, b) => b.ms - a.ms).slice(0, top),
    byFunction: [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, top),
  };
}

/** The largest profile in a folder: the Eleventy process, not the tsx launcher. */
export async function largestProfile(folder: string): Promise<CpuProfile> {
  const files = (await readdir(folder)).filter((name) => name.endsWith(".cpuprofile"));
  const sized = await Promise.all(files.map(async (name) => ({ name, size: (await stat(join(folder, name))).size })));
  const largest = sized.sort((a, b) => b.size - a.size)[0];
  if (!largest) throw new Error(`No .cpuprofile written in ${folder}`);
  return JSON.parse(await readFile(join(folder, largest.name), "utf8")) as CpuProfile;
}
