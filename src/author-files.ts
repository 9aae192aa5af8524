import { realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { isExternalUrl } from "./routes.ts";

const WINDOWS_DRIVE = /^[a-z]:/i;

/**
 * Where the files a post names may come from: the one containment rule for
 * Markdown images, the share image (`image:`) and snippets (`<<< ./file`).
 * A relative path resolves from the post's folder and must stay inside
 * `posts/`; a site-rooted path (`/img/x.png`) is the file published at that
 * URL, from `public/` (or `posts/` for `/posts/…`). Nothing outside those
 * folders is read, however the path is spelled (`../`, `\`, an absolute path)
 * and wherever a symbolic link points: what the build reads, it publishes.
 */

/** A file found where the rule allows, or the sentence (label first) that says why not and how to fix it. */
export type AuthorFile = { file: string } | { problem: string };

/** The folders a post's files may come from. */
export interface AuthorFolders {
  /** The post's `posts/` folder (its nearest ancestor of that name), else the post's own folder. */
  posts: string;
  /** `public/` beside that `posts/` folder: served at the site root. */
  public: string;
}

export function authorFolders(post: string): AuthorFolders {
  const folder = dirname(resolve(post));
  for (let candidate = folder; ; candidate = dirname(candidate)) {
    if (candidate.split(sep).at(-1) === "posts") return { posts: candidate, public: resolve(dirname(candidate), "public") };
    if (dirname(candidate) === candidate) return { posts: folder, public: resolve("public") };
  }
}

function isInside(root: string, path: string): boolean {
  const between = relative(root, path);
  return between === "" || (!between.startsWith(`..${sep}`) && between !== ".." && !isAbsolute(between));
}

const shown = (path: string) => `${relative(process.cwd(), path) || "."}/`;

/**
 * Finds the file a post names. `label` names the field and the path as the
 * author wrote them (`image "photo.jpg"`, `image: "cover.png"`, `snippet
 * "./a.ts"`) and starts every problem. `path` is a file path: a URL's
 * percent-escapes already decoded (see imageFilePath). A backslash counts as a
 * folder separator, as browsers and Windows read it, so `..\x` is `../x`.
 */
export function locateAuthorFile(post: string, path: string, label: string): AuthorFile {
  const written = path.replace(/\\/g, "/");
  // C:/…, //server/share: a path on the author's computer, which the built site cannot reach.
  if (/^[a-z]:\//i.test(written) || written.startsWith("//")) {
    return { problem: `${label} is an absolute path on this computer: write it relative to the post (./file), or from the site root (/file) for a file in public/` };
  }
  const folders = authorFolders(post);
  let root: string;
  let file: string;
  if (written.startsWith("/")) {
    // Published URLs: public/ is copied to the site root, posts/ keeps its path.
    const underPosts = /^\/posts(?:\/|$)/.test(written);
    root = underPosts ? folders.posts : folders.public;
    file = resolve(root, `.${underPosts ? written.slice("/posts".length) : written}`);
  } else {
    root = folders.posts;
    file = resolve(dirname(resolve(post)), written);
  }
  const outside = {
    problem: `${label} is outside ${shown(root)}: a post can only use files inside posts/ (a path relative to the post) or public/ (a path from the site root, /…), and no symbolic link may lead out of them: move the file beside the post`,
  };
  if (!isInside(root, file)) return outside;
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    // Missing, or a symbolic link that leads nowhere: not found either way.
  }
  if (!isFile) return { problem: `${label} not found (looked for ${relative(process.cwd(), file)}): put the file beside the post, or fix the path` };
  if (!isInside(realpathSync(root), realpathSync(file))) return outside;
  return { file };
}

/**
 * The file path of an image source as written in Markdown or `image:`:
 * without `?query` and `#fragment`, percent-escapes decoded (`%20` is a
 * space, `%2e%2e` is `..`). Undefined when it is not a file of the site:
 * external by the one rule (src/routes.ts `isExternalUrl`: `https://…`,
 * `//cdn…`, a data URI).
 */
export function imageFilePath(src: string): string | undefined {
  // `C:/photo.jpg` reads as a URL with the scheme "c", but no scheme is one letter long: it is a Windows
  // path, which locateAuthorFile refuses with its own message.
  if (src === "" || (isExternalUrl(src) && !WINDOWS_DRIVE.test(src))) return undefined;
  const path = src.split(/[?#]/)[0] ?? "";
  try {
    return decodeURI(path);
  } catch {
    // A lone `%` (`100%.png` in front matter) is the file's own name.
    return path;
  }
}
