import { toCleanSegment } from "./post-urls.ts";

/**
 * Every file under posts/ is one of four kinds. Only Markdown files are posts.
 * Eleventy's data files act as data and are not published. Junk the system or
 * an editor leaves (`.DS_Store`, an `.obsidian/` folder) is not published.
 * Everything else (images, downloads, snippet sources, even `.njk` or `.html`
 * files) is the post's file: never rendered, copied as it is, in the folder
 * the post's URL uses (`posts/My Trip/guide.pdf` → `/posts/my-trip/guide.pdf`),
 * so `[Download](guide.pdf)` in `posts/My Trip/index.md` finds it.
 */
export type PostFileKind = "post" | "data" | "junk" | "copy";

/** Office, Windows and editor leftovers that no post links to. Dotfiles are junk too. */
const JUNK_NAMES = /^(?:thumbs\.db|desktop\.ini|~\$.*|.*~)$/i;
/** Template and directory data with the `.11tydata` suffix: https://www.11ty.dev/docs/data-template-dir/ */
const ELEVENTY_DATA = /\.11tydata\.(?:json|js|cjs|mjs)$/;
const MARKDOWN = /\.md$/i;

/**
 * What the build does with one file, by its path relative to the input folder
 * (`posts/trip/guide.pdf`). `hasFile` answers for other paths in the same
 * form: a `trip.json` beside `trip.md` is that post's data, not a download.
 */
export function classifyPostFile(file: string, hasFile: (file: string) => boolean): PostFileKind {
  const segments = file.split("/");
  const name = segments.at(-1)!;
  // Eleventy finds templates case-insensitively, in dot folders too: every `.md` is a post.
  if (MARKDOWN.test(name)) return "post";
  if (segments.some((segment) => segment.startsWith(".")) || JUNK_NAMES.test(name)) return "junk";
  if (ELEVENTY_DATA.test(name)) return "data";
  if (name.endsWith(".json")) {
    const stem = name.slice(0, -".json".length);
    // Directory data: posts/posts.json, posts/trip/trip.json (https://www.11ty.dev/docs/data-template-dir/).
    if (stem === segments.at(-2)) return "data";
    // Template data: posts/trip.json beside posts/trip.md.
    if (hasFile([...segments.slice(0, -1), `${stem}.md`].join("/"))) return "data";
  }
  return "copy";
}

/** Where a copied file is published, relative to the output folder: its folders as the post's URL spells them. */
export function toCopiedPath(file: string): string {
  const segments = file.split("/");
  return [...segments.slice(0, -1).map(toCleanSegment), segments.at(-1)!].join("/");
}

/** Every copied file under posts/ with where it is published, from the list of files relative to the input folder. */
export function listCopiedPostFiles(files: readonly string[]): Array<{ file: string; output: string }> {
  const all = new Set(files);
  return files.filter((file) => file.startsWith("posts/") && classifyPostFile(file, (other) => all.has(other)) === "copy").map((file) => ({ file, output: toCopiedPath(file) }));
}

/**
 * Whether a site path (without path prefix), e.g. `/posts/trip/guide.pdf`, is
 * a file beside a post that the build copies, when a file exists at that path
 * in the input folder. Pass `hasFile` (input-relative paths) to tell a
 * template's `.json` data from a `.json` download exactly; without it such a
 * file counts as copied.
 */
export function isPostAssetPath(sitePath: string, hasFile: (file: string) => boolean = () => false): boolean {
  return sitePath.startsWith("/posts/") && classifyPostFile(sitePath.slice(1), hasFile) === "copy";
}
