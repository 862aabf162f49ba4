// The sealed signature block (§7.3.5.1) in the DOCX: one paragraph a grid line, from the line
// after the body to the block's last line (layout/measure/signature.ts gives the lines and places), and the
// seals as pictures anchored to the block's first paragraph, in front of the text. Anchored to
// the column and to that paragraph, a seal moves with the block when text above is edited, and
// the block's paragraphs keep together and with the body's last line (keepNext), so the seal
// never stands on a page without body text.

import type { SignatureBlock, SignatureSeal } from '../../model/types.js';
import { sealedSignatureLayout } from '../../layout/measure/signature.js';
import type { RenderContext } from './context.js';
import { anchorXml, mmToEmu, twToEmu } from './media.js';
import { CHAR_PITCH_MM, LINE_PITCH_MM } from '../../profile/gbt9704.js';
import { indChars, lineSpacing, run, type Para } from './paragraph.js';
import { STYLE } from './styles.js';
import { CHAR_TW, LINE_TW } from './units.js';

/** Paragraphs of a sealed signature block; the first one carries the seals. */
export function sealedSignatureParas(b: SignatureBlock & { seal: SignatureSeal }, perLine: number, ctx: RenderContext): Para[] {
  const lay = sealedSignatureLayout(b, perLine);
  // Off the character grid (see Para.offGrid): names and date at their characters' widths.
  const paras: Para[] = Array.from({ length: lay.lines }, () => ({ style: STYLE.signature, offGrid: true, spacing: lineSpacing(), ind: indChars({}), body: '' }));
  for (const row of lay.rows) {
    // Each name centred on its seal: a centre tab stop at each name's centre.
    const stops = row.names.map((n) => `<w:tab w:val="center" w:pos="${Math.round(n.centre * CHAR_TW)}"/>`).join('');
    paras[row.line] = { ...paras[row.line], tabs: `<w:tabs>${stops}</w:tabs>`, body: row.names.map((n) => `<w:r><w:tab/></w:r>${run(n.text)}`).join('') };
  }
  // The date from the right edge (§7.3.5.1: 右空四字): right-aligned with a right indent of
  // 4 字, so that it ends there however wide a renderer draws its figures (LibreOffice's centred
  // date ended 3.5 字 from the edge); the names stay centred on the layout's date centre.
  paras[lay.date.line] = { ...paras[lay.date.line], ind: indChars({ left: 0, right: perLine - lay.date.right }), jc: 'right', body: run(b.date) };
  paras[0].body =
    lay.seals
      .map((s, i) => {
        const img = b.seal.images[i];
        if (!img) return '';
        // The seal's true size; its centre on this grid's (579 twips a line, not 10.227 mm).
        const cx = mmToEmu(s.width * CHAR_PITCH_MM);
        const cy = mmToEmu(s.height * LINE_PITCH_MM);
        const picture = { bytes: img.bytes, ext: img.format, raster: img.raster, cx, cy, name: `印章 ${i + 1}`, descr: img.path };
        return anchorXml(ctx, picture, { x: twToEmu((s.left + s.width / 2) * CHAR_TW) - cx / 2, y: twToEmu((s.top + s.height / 2) * LINE_TW) - cy / 2 });
      })
      .join('') + paras[0].body;
  // Together on one page, and the last one with whatever follows (附注) only as the flow allows.
  paras.forEach((p, i) => (p.keepNext = i < paras.length - 1));
  return paras;
}
