/**
 * Search as people type it: "Jonathan Smith", "smith, jonathan", "jonathan.smith56@example.com",
 * a reference number, an invoice, the last four digits. The text is split into words (on
 * spaces and commas, the way names are written either order), and a row matches when every
 * word appears in it; an email, a refnum or a card's last four is one word. Lower-cased,
 * because the mirror's `search` columns are stored lower-cased (portable, no collation).
 */
export const MAX_SEARCH_TERMS = 6;

export function searchTerms(q: string): string[] {
  const words = q
    .toLowerCase()
    .split(/[\s,;]+/)
    .map((word) => word.replace(/^[("'#]+|[)"'.:]+$/g, ""))
    .filter(Boolean);
  return [...new Set(words)].slice(0, MAX_SEARCH_TERMS);
}
