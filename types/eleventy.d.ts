// The slice of Eleventy's API this blog uses. Eleventy ships JSDoc, not
// TypeScript declarations, so we type what we touch here, once.
declare module "@11ty/eleventy" {
  export interface PageData {
    url: string | false;
    inputPath: string;
    outputPath: string | false;
    fileSlug: string;
    filePathStem: string;
    date: Date;
  }

  export interface PassthroughCopyOptions {
    /** Called with each path relative to the copied folder, folders included; true keeps it. */
    filter?: (relative: string) => boolean;
    /** The output path, relative to the target folder, of a kept path. */
    rename?: (relative: string) => string;
  }

  export interface CollectionItem<D = Record<string, unknown>> {
    url: string;
    inputPath: string;
    outputPath: string | false;
    fileSlug: string;
    date: Date;
    data: D & { title?: string; tags?: string[] | string; page: PageData };
    page: PageData;
    content: string;
    templateContent: string;
    rawInput: string;
  }

  export interface CollectionApi {
    getAll(): CollectionItem[];
    getAllSorted(): CollectionItem[];
    getFilteredByTag(tag: string): CollectionItem[];
    getFilteredByGlob(glob: string | string[]): CollectionItem[];
  }

  export type RunMode = "build" | "watch" | "serve";

  export interface BeforeEventArgs {
    directories: { input: string; output: string; includes: string; data: string; layouts?: string };
    runMode: RunMode;
    outputMode: string;
    incremental: boolean;
  }

  export interface AfterEventArgs extends BeforeEventArgs {
    results: Array<{ inputPath: string; outputPath: string | false; url: string | false; content: string }>;
  }

  export interface TransformContext {
    page: PageData;
  }

  export interface UserConfig {
    dir: { input: string; output: string; includes: string; data: string };
    pathPrefix: string;
    ignores: Set<string>;
    addPlugin<O>(plugin: (config: UserConfig, options: O) => unknown, options?: O): void;
    addPlugin(plugin: (config: UserConfig) => unknown): void;
    // Parameters typed `never[]` accept a function with any parameter types: each filter types the template values it takes.
    addFilter(name: string, fn: (...args: never[]) => unknown): void;
    addAsyncFilter(name: string, fn: (...args: never[]) => Promise<unknown>): void;
    addShortcode(name: string, fn: (...args: never[]) => unknown): void;
    addCollection(name: string, fn: (api: CollectionApi) => unknown): void;
    addGlobalData(name: string, value: unknown): void;
    /** `copyOptions` are @11ty/recursive-copy's (https://www.11ty.dev/docs/copy/#advanced-options). */
    addPassthroughCopy(paths: string | Record<string, string>, copyOptions?: PassthroughCopyOptions): void;
    addTransform(name: string, fn: (this: TransformContext, content: string, outputPath: string) => unknown): void;
    addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
    addWatchTarget(path: string): void;
    addPreprocessor(name: string, extensions: string, fn: (data: never, content: string) => unknown): void;
    setLibrary(name: string, library: unknown): void;
    amendLibrary(name: "md", fn: (library: import("markdown-it").default) => unknown): void;
    setInputDirectory(dir: string): void;
    setOutputDirectory(dir: string): void;
    setIncludesDirectory(dir: string): void;
    setLayoutsDirectory(dir: string): void;
    setTemplateFormats(formats: string[] | string): void;
    setDataDeepMerge(deep: boolean): void;
    setQuietMode(quiet: boolean): void;
    setUseGitIgnore(use: boolean): void;
    setChokidarConfig(options: Record<string, unknown>): void;
    setServerOptions(options: Record<string, unknown>): void;
    setFrontMatterParsingOptions(options: { engines?: Record<string, (text: string) => unknown> }): void;
    setServerPassthroughCopyBehavior(behavior: "copy" | "passthrough"): void;
    on(event: "eleventy.before", fn: (args: BeforeEventArgs) => unknown): void;
    on(event: "eleventy.after", fn: (args: AfterEventArgs) => unknown): void;
    on(event: string, fn: (...args: never[]) => unknown): void;
    getFilter(name: string): (this: unknown, ...args: unknown[]) => unknown;
    versionCheck(range: string): void;
  }

  export interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string | false;
    pathPrefix?: string;
    runMode?: RunMode;
    config?: (config: UserConfig) => unknown;
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string | false; inputPath: string; outputPath: string | false; content: string }>>;
    setIsVerbose?(verbose: boolean): void;
    /** Silences Eleventy's console output, errors included. */
    disableLogger(): void;
  }
}

declare module "@11ty/eleventy-plugin-rss" {
  import type { UserConfig } from "@11ty/eleventy";
  const rssPlugin: (config: UserConfig, options?: Record<string, unknown>) => void;
  export default rssPlugin;
  export function dateToRfc822(date: Date, timeZone?: string): string;
  export function dateToRfc3339(date: Date): string;
  export function absoluteUrl(url: string, base: string): string;
  export function convertHtmlToAbsoluteUrls(html: string, base: string, options?: Record<string, unknown>): Promise<string>;
  export function getNewestCollectionItemDate(items: Array<{ date: Date }>): Date;
}

declare module "@11ty/eleventy-plugin-syntaxhighlight/src/markdownSyntaxHighlightOptions.js" {
  const createHighlighter: (options?: Record<string, unknown>) => (code: string, language: string) => string;
  export default createHighlighter;
}

declare module "@11ty/eleventy-plugin-syntaxhighlight/src/PrismLoader.js" {
  const loadPrismLanguage: (language: string, options?: Record<string, unknown>) => unknown;
  export default loadPrismLanguage;
}
