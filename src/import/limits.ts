// What a DOCX may expand to before import stops. A Word notice is small: the seeds' largest as
// gongwen writes it (the 2022 cluster application) is 44 KB zipped, 336 KB unpacked, 16 parts,
// 749 paragraphs and 773 runs. Without bounds a 459 KB DOCX unpacked into 4.7 GB in mammoth
// and a 497 KB one wrote a 204 MB .md (issue 23). mammoth holds about 2 KB per XML element
// (25,000 paragraphs of 10 bold runs, 1.0 million elements: 2.0 GB and 48 s), so the bound
// that keeps a hostile file under 1 GiB is on elements and runs, checked in the XML before
// mammoth sees it; each bound is far above a real notice.

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
  paragraphs: 20_000,
  /** Runs (w:r) in the document. */
  runs: 60_000,
  /** XML elements in the document (what mammoth's memory follows). */
  elements: 300_000,
  /** XML nesting: the seeds and the LibreOffice files nest 11 deep at most (a table in a table adds 4); mammoth and the reader recurse per level. */
  depth: 64,
  /** One paragraph's XML, in characters: a real paragraph's is under 20,000. */
  paragraphXmlChars: 200_000,
  /** The Markdown of one file written: what `gongwen check` reads at most, so nothing is written that it refuses. */
  outputBytes: MAX_SOURCE_BYTES,
  /** Annex pages, each its own file: the seeds have at most 4. */
  annexes: 99,
} as const;

export type ImportLimits = { -readonly [K in keyof typeof IMPORT_LIMITS]: number };

/** A fault of the input: what failed and what to do, no stack, no internal codes. */
export class ImportError extends Error {}

export const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
