// The OFD container: a zip of the parts, OFD.xml first (readers look for it at the root). The
// same parts give the same bytes, because a signature (GB/T 38540) covers the bytes: every entry
// carries one fixed time (the document's date, else 2000-01-01), the parts go in the order given,
// and nothing random is written anywhere.
import { zipSync, strToU8, type Zippable } from 'fflate';

const DEFAULT_DATE = '2000-01-01';

/** The date the zip's entries carry: the document's ISO date when it has one zip can hold. */
export function entryDate(date: string | undefined): string {
  const d = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : DEFAULT_DATE;
  return d < '1980-01-01' || d > '2107-12-31' ? DEFAULT_DATE : d;
}

/**
 * Zips the parts in order. Images are stored (PNG and JPEG are compressed already: deflating
 * them again costs time and saves nothing); XML and fonts are deflated at level 6 — an OFD is
 * archived and sent, and level 6 takes a tenth off a font subset that level 1 leaves.
 */
export function zipParts(parts: [string, string | Uint8Array][], isoDate: string | undefined): Uint8Array {
  const [y, m, d] = entryDate(isoDate).split('-').map(Number);
  // Local-time constructor: fflate writes DOS times from local fields, the same in every time zone.
  const mtime = new Date(y, m - 1, d, 0, 0, 0);
  const files: Zippable = {};
  for (const [name, data] of parts) {
    const stored = /\.(png|jpe?g)$/i.test(name);
    files[name] = [typeof data === 'string' ? strToU8(data) : data, { mtime, level: stored ? 0 : 6 }];
  }
  return zipSync(files, { mtime });
}
