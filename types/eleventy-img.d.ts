// The slice of @11ty/eleventy-img v6 (CommonJS, no bundled types) this blog uses:
// https://www.11ty.dev/docs/plugins/image/
declare module "@11ty/eleventy-img" {
  export interface ImageOptions {
    widths?: Array<number | "auto" | null>;
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    svgShortCircuit?: boolean;
    /** Compute sizes and URLs without writing files. */
    dryRun?: boolean;
  }
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    url: string;
    srcset: string;
    outputPath: string;
  }
  export type ImageMetadata = Record<string, ImageStat[]>;
  interface ImageFunction {
    (src: string, options?: ImageOptions): Promise<ImageMetadata>;
    statsSync(src: string, options?: ImageOptions): ImageMetadata;
    generateHTML(metadata: ImageMetadata, attributes: Record<string, string | undefined>): string;
    ImageSize(src: string): { width?: number; height?: number; type?: string };
  }
  const Image: ImageFunction;
  export default Image;
}
