import type MarkdownIt from "markdown-it";
import { isKnownLanguage, LANGUAGE_NAMES, parseFenceInfo, RENDERED_FENCE_LANGUAGES } from "./highlight.ts";
import { nearestName } from "./nearest-name.ts";
import { fileLine } from "./post-location.ts";

/** The language Prism knows that an unknown fence language most likely meant (`pyhton` → `python`). */
export function suggestLanguage(language: string): string | undefined {
  return nearestName(language, LANGUAGE_NAMES);
}

/** The warning for a fence in a language Prism does not know: shown unhighlighted, and what was probably meant. */
export function describeUnknownLanguage(language: string): string {
  const suggestion = suggestLanguage(language);
  return `code fence language "${language}" is unknown to Prism, so the block is shown unhighlighted: ${suggestion ? `did you mean ${suggestion}? ` : ""}use a language from https://prismjs.com/#supported-languages, or "text"`;
}

interface FenceEnv {
  page?: { inputPath?: string };
}

/**
 * Warns, in every build and under `npm start`, about fences in a language
 * Prism does not know (`pyhton`, `terraform`), with the nearest one it does,
 * instead of silently publishing them unhighlighted. A markdown-it core rule:
 * it reads the fences of the parse that renders the post, at no extra cost.
 */
export function unknownFenceLanguageWarnings(warn: (message: string) => void) {
  return (md: MarkdownIt): void => {
    md.core.ruler.push("unknown_fence_languages", (state) => {
      const env = state.env as FenceEnv;
      const file = env.page?.inputPath;
      if (!file) return;
      for (const token of state.tokens) {
        if (token.type !== "fence") continue;
        const { language } = parseFenceInfo(token.info);
        if (isKnownLanguage(language) || RENDERED_FENCE_LANGUAGES.includes(language)) continue;
        warn(`[blog] warning ${file}:${fileLine(file, token.map?.[0] ?? 0)}  ${describeUnknownLanguage(language)}`);
      }
    });
  };
}

