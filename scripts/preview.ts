/**
 * `npm run preview`: serves the built `_site/` on http://127.0.0.1 with the
 * production headers (src/security-headers.ts), as Netlify or Cloudflare Pages
 * would. Build first (`npm run build`). Options:
 *   --port=8081              port to listen on (default 8081; 0 picks a free one)
 *   --pathprefix=/blog/      serve under a path prefix (build with the same
 *                            `npm run build -- --pathprefix=/blog/`)
 *   --dir=_site              folder to serve
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { startStaticServer } from "../src/static-server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "8081" },
    pathprefix: { type: "string", default: "/" },
    dir: { type: "string", default: "_site" },
  },
});

if (!existsSync(values.dir)) {
  console.error(`Nothing to preview: "${values.dir}" does not exist. Run \`npm run build\` first.`);
  process.exit(1);
}

const running = await startStaticServer({ root: values.dir, pathPrefix: values.pathprefix, port: Number(values.port) });
console.log(`Previewing ${values.dir}/ with production headers at ${running.url} (Ctrl+C to stop)`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
