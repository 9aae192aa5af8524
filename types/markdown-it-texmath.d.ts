// The slice of markdown-it-texmath 1.0 (CommonJS, no bundled types) this blog uses:
// https://github.com/goessner/markdown-it-texmath#usage
declare module "markdown-it-texmath" {
  import type { PluginWithOptions } from "markdown-it";
  interface TexmathOptions {
    /** The TeX renderer: anything with KaTeX's `renderToString(tex, options)`. */
    engine: { renderToString(tex: string, options?: object): string };
    /** Delimiter sets by name; "dollars" is `$…$`, `$$…$$` and `$$…$$ (1)`. */
    delimiters?: string | string[];
    /** Inline math only between spaces (` $x$ `). */
    outerSpace?: boolean;
  }
  const texmath: PluginWithOptions<TexmathOptions>;
  export default texmath;
}
