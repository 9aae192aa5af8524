/** Text as HTML text or a double-quoted attribute value: nothing in it can open a tag, an entity or end the attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
