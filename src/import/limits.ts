// What a DOCX may expand to before import stops. A Word notice is small: the seeds' longest
// (a 12-page notice with a 200-row table annex) is 41 KB zipped, 380 KB unpacked, 31 parts,
// 1,900 paragraphs and 6,400 runs. Without bounds a 459 KB DOCX unpacked into 4.7 GB in
// mammoth and a 497 KB one wrote a 204 MB .md (issue 23); each bound below is two orders of
// magnitude above a real notice and far below what a 1 GiB process can hold.

import { MAX_SOURCE_BYTES } from '../source/read.js';

export const IMPORT_LIMITS = {
  /** The .docx file itself. */
  fileBytes: 32 * 1024 * 1024,
  /** Parts (files) in the zip: a notice has 10–40. */
  parts: 2000,
  /** All parts together, unpacked (declared and actual). */
  unpackedBytes: 64 * 1024 * 1024,
  /** One XML part unpacked (word/document.xml of a 300-page report is about 4 MB). */
  xmlPartBytes: 16 * 1024 * 1024,
  /** Paragraphs (w:p) in the document. */
  paragraphs: 50_000,
  /** Runs (w:r) in the document. */
  runs: 500_000,
  /** One paragraph's XML, in characters: a real paragraph's is under 20,000. */
  paragraphXmlChars: 200_000,
  /** The Markdown written: what `gongwen check` reads at most, so nothing is written that it refuses. */
  outputBytes: MAX_SOURCE_BYTES,
} as const;

export type ImportLimits = { -readonly [K in keyof typeof IMPORT_LIMITS]: number };

/** A fault of the input: what failed and what to do, no stack, no internal codes. */
export class ImportError extends Error {}

export const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
