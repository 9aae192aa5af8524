/**
 * Reading time from a post's raw Markdown, counted once per build. A cheap
 * word count: Markdown punctuation (#, *, `, >, |, link targets) is not
 * words, so it is dropped before splitting on whitespace. Code counts like
 * prose, a fair guess since readers skim code slower than text.
 */
export const WORDS_PER_MINUTE = 230;

const LINK_TARGETS = /\]\([^)]*\)/g;
const HTML_TAGS = /<[^>\n]+>/g;
const WORD = /[\p{L}\p{N}]/u;

export function countWords(markdown: string): number {
  let count = 0;
  for (const part of markdown.replace(LINK_TARGETS, "]").replace(HTML_TAGS, " ").split(/\s+/)) {
    if (WORD.test(part)) count++;
  }
  return count;
}

/** Whole minutes, at least 1, at `wordsPerMinute`. */
export function toReadingMinutes(markdown: string, wordsPerMinute = WORDS_PER_MINUTE): number {
  return Math.max(1, Math.round(countWords(markdown) / wordsPerMinute));
}

/** "5 min read". */
export function toReadingTimeLabel(minutes: number): string {
  return `${minutes} min read`;
}
