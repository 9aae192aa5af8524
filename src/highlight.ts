import createPluginHighlighter from "@11ty/eleventy-plugin-syntaxhighlight/src/markdownSyntaxHighlightOptions.js";
import loadPrismLanguage from "@11ty/eleventy-plugin-syntaxhighlight/src/PrismLoader.js";

/**
 * Fenced code, highlighted at build time by the official syntax highlight
 * plugin's Prism pipeline, so line highlighting (```js/1,3-4) and diff fences
 * (```diff-js) behave as https://www.11ty.dev/docs/plugins/syntaxhighlight/ documents.
 *
 * The plugin passes code through unescaped when Prism does not know the
 * language (and for `text`), which would publish `<div>` as live HTML. Here
 * such fences, and fences with no language, become escaped plain text.
 */
const pluginHighlighter = createPluginHighlighter({
  // Keyboard users can scroll wide code blocks (WCAG 2.1.1).
  preAttributes: { tabindex: "0" },
  lineSeparator: "\n",
});

// Fence info we pass on: a language name, optionally a diff- prefix and /line ranges.
const FENCE_INFO = /^(?:diff-)?[\w+#-]+(?:\/[\d,-]*)*$/;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The language part of fence info, without a `diff-` prefix or line ranges. */
export function fenceLanguage(info: string): string {
  return (info.split("/")[0] ?? "").replace(/^diff-/, "").toLowerCase();
}

/** Whether Prism (with its lazily loaded components) can highlight this language. */
export function isKnownLanguage(language: string): boolean {
  if (language === "" || language === "text" || language === "plain" || language === "plaintext") return true;
  try {
    return Boolean(loadPrismLanguage(language));
  } catch {
    return false;
  }
}

export function highlightCode(code: string, info: string): string {
  const fence = info.trim();
  if (FENCE_INFO.test(fence)) {
    const language = fenceLanguage(fence);
    if (language !== "text" && isKnownLanguage(language)) return pluginHighlighter(code, fence);
  }
  // Unknown or no language: escape, then let the plugin add line markup and attributes as "text".
  const lines = FENCE_INFO.test(fence) ? fence.split("/").slice(1) : [];
  return pluginHighlighter(escapeHtml(code), ["text", ...lines].join("/"));
}
