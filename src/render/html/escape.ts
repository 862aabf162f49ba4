// The model's text is untrusted: everything that reaches the HTML goes through these.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A link target that may appear in the PDF: http(s) and mailto only, otherwise none. */
export function safeHref(link: string | undefined): string | undefined {
  if (!link) return undefined;
  const t = link.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(t)) return undefined;
  try {
    // Normalise so quotes and spaces cannot break out of the attribute (esc() does the rest).
    return new URL(t).href;
  } catch {
    return undefined;
  }
}
