// The sealed signature block (GB/T 9704 §7.3.5.1) as a pure function of names, date and seals:
// where each 署名, the 成文日期 and each seal stand inside the block, and how many grid lines the
// block takes. Both renderers place everything from this one answer, and the page-flow decision
// (the layout stage) asks it for the block's height, so the seal is reserved where the block is
// placed and never lands on a page without body text (§7.3.5.5). It is one of the layout stage's
// measures: the kinds (a block too high for a page is an error at `seal`), the flow and both
// renderers read it.
//
// Units: horizontal positions in grid characters from the text block's left edge, vertical ones
// in grid lines from the block's top (the line right after the last body line or 附件说明).
// Each renderer converts with its own grid (PDF: 10.227 mm a line; DOCX: 579 twips).
//
// Geometry, for one office: the date ends four 字 in from the right; the name is centred over
// the date; the seal is centred over both, its centre half a line above the line between name
// and date (so the pair sits a little below its centre); the name stands on the first line that
// lets the seal's top come within one line of the body: a 42 mm seal (4.11 lines) puts the name on
// line 2 (two blank lines above), its top 0.45 line below the body, its bottom 0.55 line below
// the date; the block takes 5 lines.
// Joint issuance: the seals in rows at one pitch (seal width + 4 mm, or the longest name + one
// character when names are wider), the last seal over the date; as many seals a row as fit
// inside the text block with their names; the lead office first, a short last row aligned right
// so that the last seal stays over the date; rows a whole number of lines apart, the seals at
// least 4 mm apart. Three offices with names up to about 7 字 share one row; long names take a row each.

import { CHAR_PITCH_MM, GRID, LINE_PITCH_MM, SEAL, SIGNATURE } from '../../profile/gbt9704.js';
import { gridWidth } from './text-width.js';
import type { SignatureBlock, SignatureSeal } from '../../model/types.js';

export interface SealSpec {
  /** Width on the page in mm. */
  widthMm: number;
  /** Height on the page in mm (the image's proportions; a hand stamp's space is round). */
  heightMm: number;
}

export interface SealBox {
  /** Left edge, in characters from the text block's left edge. */
  left: number;
  /** Top edge, in lines from the block's top. */
  top: number;
  /** Width in characters and height in lines. */
  width: number;
  height: number;
}

export interface PlacedName {
  text: string;
  /** The name's centre, in characters from the text block's left edge. */
  centre: number;
}

export interface SignatureLayout {
  /** Height of the block in whole grid lines: everything of it, the seals included, lies inside. */
  lines: number;
  /** Lines of names, top to bottom; `line` counts from the block's top (0 = right after the body). */
  rows: { line: number; names: PlacedName[] }[];
  date: { line: number; left: number; right: number };
  /** One per seal, in the order of the names. */
  seals: SealBox[];
}

/** The seal sizes of a signature: one per name (one when there is no name), from `sizeMm` and each image's proportions. */
export function sealSpecs(count: number, sizeMm: number, ratios: (number | undefined)[] = []): SealSpec[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => ({ widthMm: sizeMm, heightMm: sizeMm * (ratios[i] ?? 1) }));
}

export function layoutSealedSignature(names: string[], date: string, seals: SealSpec[], perLine: number = GRID.charsPerLine): SignatureLayout {
  const offices = names.length ? names : [''];
  if (seals.length !== offices.length) throw new Error(`layoutSealedSignature: ${offices.length} office(s) but ${seals.length} seal(s)`);
  const w = seals.map((s) => s.widthMm / CHAR_PITCH_MM);
  const h = seals.map((s) => s.heightMm / LINE_PITCH_MM);
  const wMax = Math.max(...w);

  const d = gridWidth(date);
  const dateRight = perLine - SEAL.dateRightChars;
  const dateLeft = dateRight - d;
  const anchor = dateLeft + d / 2;

  // Horizontal: one pitch for every row; as many columns as fit left of the date's seal. The
  // last name may have to move left to stay inside the text block: the pitch leaves room for that.
  const nameW = Math.max(0, ...offices.map(gridWidth));
  const shift = Math.max(0, anchor + nameW / 2 - perLine);
  const pitch = Math.max(wMax + SEAL.gapMm / CHAR_PITCH_MM, nameW + SEAL.nameGapChars + shift);
  const fit = Math.floor((anchor - Math.max(wMax, nameW) / 2) / pitch + 1e-9) + 1;
  const perRow = Math.max(1, Math.min(offices.length, fit));
  const rowCount = Math.ceil(offices.length / perRow);
  const members = Array.from({ length: rowCount }, (_, r) => {
    const from = r * perRow;
    return Array.from({ length: Math.min(perRow, offices.length - from) }, (_, c) => from + c);
  });
  const rowH = members.map((m) => Math.max(...m.map((i) => h[i])));

  // Vertical: the first name line is the first that brings the seal's top within a line of the
  // body; each next row as many whole lines down as keep its seals SEAL.gapMm clear of the row above.
  const centreAbove = 1 - SEAL.belowCentreLines; // seal centre, in lines below the top of its name line
  const gapLines = SEAL.gapMm / LINE_PITCH_MM;
  const lineOf: number[] = [Math.max(SIGNATURE.gapBeforeLines, Math.ceil(rowH[0] / 2 - centreAbove - 1e-6))];
  for (let r = 1; r < rowCount; r++) lineOf.push(lineOf[r - 1] + Math.ceil(rowH[r - 1] / 2 + rowH[r] / 2 + gapLines - 1e-6));

  const rows: SignatureLayout['rows'] = [];
  const boxes: SealBox[] = [];
  members.forEach((m, r) => {
    const line = lineOf[r];
    const placed: PlacedName[] = m.map((i, c) => {
      // A short last row stands right, so that its last seal is over the date.
      const centre = anchor - (m.length - 1 - c) * pitch;
      const nw = gridWidth(offices[i]);
      boxes.push({ left: centre - w[i] / 2, top: line + centreAbove - h[i] / 2, width: w[i], height: h[i] });
      // A name wider than its seal keeps inside the text block.
      return { text: offices[i], centre: Math.min(Math.max(centre, nw / 2), perLine - nw / 2) };
    });
    rows.push({ line, names: placed });
  });
  const dateLine = rows[rows.length - 1].line + 1;
  const bottom = Math.max(dateLine + 1, ...boxes.map((b) => b.top + b.height));
  return {
    lines: Math.ceil(bottom - 1e-9),
    rows: names.length ? rows : [],
    date: { line: dateLine, left: dateLeft, right: dateRight },
    seals: boxes,
  };
}

/** The layout of a sealed signature block of the model (its `seal` set). */
export function sealedSignatureLayout(b: SignatureBlock & { seal: SignatureSeal }, perLine: number = GRID.charsPerLine): SignatureLayout {
  const ratios = b.seal.images.map((img) => (img && img.width > 0 ? img.height / img.width : undefined));
  return layoutSealedSignature(b.names, b.date, sealSpecs(b.names.length, b.seal.sizeMm, ratios), perLine);
}
