const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Plain text of the first paragraph of rendered post HTML, cut on a word
 * boundary. Returned unescaped: templates escape it on output.
 */
export function toExcerpt(html: string, maxLength = 200): string {
  // The first paragraph with text: a post may open with an image or a figure.
  let text = "";
  for (const match of html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)) {
    text = decodeEntities((match[1] ?? "").replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
    if (text) break;
  }
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength + 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${cut.slice(0, lastSpace > maxLength / 2 ? lastSpace : maxLength).replace(/[\s.,;:!?-]+$/, "")}…`;
}
