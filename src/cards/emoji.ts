import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Emoji on cards are Twemoji SVGs (@twemoji/svg, one file per emoji, named by
 * code points: `1f680.svg`, `1f469-200d-1f4bb.svg`), handed to satori through
 * its `loadAdditionalAsset` hook as data URIs: satori draws a grapheme no font
 * has as an image, 1 em wide, when the hook returns one for it
 * (https://github.com/vercel/satori#emojis).
 */

export const EMOJI_PACKAGE = "@twemoji/svg";

/**
 * Satori's test for an emoji grapheme, which decides whether it asks the hook
 * for an image (code "emoji") or for a font (anything else, which we cannot
 * give, so the grapheme would be a box): emoji-regex-xs
 * (https://github.com/slevithan/emoji-regex-xs), and U+FE0E (text
 * presentation) on a character that is not an emoji by default.
 */
const EMOJI_PART = String.raw`\p{Emoji}(?:\p{EMod}|[\u{E0020}-\u{E007E}]+\u{E007F}|\uFE0F?\u20E3?)`;
const EMOJI = new RegExp(String.raw`\p{RI}{2}|(?![#*\d](?!\uFE0F?\u20E3))${EMOJI_PART}(?:\u200D${EMOJI_PART})*`, "u");

export function isEmoji(grapheme: string): boolean {
  if (grapheme.includes("\uFE0E") && !/\p{Emoji_Presentation}/u.test(grapheme)) return false;
  return EMOJI.test(grapheme);
}

const require = createRequire(import.meta.url);
let folder: string | undefined;
let names: Set<string> | undefined;

function twemojiFiles(): { folder: string; names: Set<string> } {
  folder ??= dirname(require.resolve(`${EMOJI_PACKAGE}/package.json`));
  names ??= new Set(readdirSync(folder).filter((name) => name.endsWith(".svg")));
  return { folder, names };
}

/**
 * The Twemoji file of an emoji grapheme, or undefined when the package has
 * none. Twemoji's own rule (twemoji-parser's `toCodePoint`): U+FE0F is left
 * out of the name unless the sequence has a zero-width joiner; the other
 * spellings are tried as well, since a title may carry U+FE0F or not.
 */
export function twemojiFile(grapheme: string): string | undefined {
  const points = [...grapheme].map((char) => char.codePointAt(0)!.toString(16));
  const bare = points.filter((point) => point !== "fe0f" && point !== "fe0e");
  const candidates = grapheme.includes("\u200D") ? [points, bare] : [bare, points];
  const { names } = twemojiFiles();
  return candidates.map((list) => `${list.join("-")}.svg`).find((name) => names.has(name));
}

const dataUris = new Map<string, string>();

/** The emoji's SVG as a data URI for satori; undefined without a file. */
export function twemojiDataUri(grapheme: string): string | undefined {
  const name = twemojiFile(grapheme);
  if (!name) return undefined;
  let uri = dataUris.get(name);
  if (!uri) {
    uri = `data:image/svg+xml;base64,${readFileSync(join(twemojiFiles().folder, name)).toString("base64")}`;
    dataUris.set(name, uri);
  }
  return uri;
}
