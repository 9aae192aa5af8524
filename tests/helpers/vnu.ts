import { spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "./site.ts";

/** One message of the Nu HTML Checker's JSON output. https://github.com/validator/validator/wiki/Output-%C2%BB-JSON */
export interface VnuMessage {
  type: "error" | "info" | "non-document-error";
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/**
 * Runs the W3C Nu HTML Checker (npm `vnu-jar`, on the machine's Java 17+) over
 * many files in ONE JVM, errors only. vnu-jar's install script is not allowed
 * to run (it would download a Java runtime); the jar itself ships in the package.
 */
export function runVnu(files: string[], options: { alsoCheckCss?: boolean; alsoCheckSvg?: boolean } = {}): Promise<VnuMessage[]> {
  const jar = join(projectRoot, "node_modules/vnu-jar/build/dist/vnu.jar");
  const args = ["-jar", jar, "--errors-only", "--stdout", "--format", "json"];
  if (options.alsoCheckCss) args.push("--also-check-css");
  if (options.alsoCheckSvg) args.push("--also-check-svg");
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.JAVA ?? "java", [...args, ...files], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => reject(new Error(`Could not run Java for the Nu HTML Checker (install a JDK 17+, e.g. apt-get install -y openjdk-17-jre-headless): ${error.message}`)));
    child.on("close", (code) => {
      try {
        resolve((JSON.parse(stdout) as { messages: VnuMessage[] }).messages);
      } catch {
        reject(new Error(`The Nu HTML Checker exited with ${code} and no JSON report:\n${stderr}${stdout}`));
      }
    });
  });
}
