// Which text each font role draws, so that the font book can say which characters no face of
// the role has (the PDF would draw them as empty boxes). Mirrors the roles the layout stage
// gives each block.
import type { Block, DocumentModel, Run } from '../model/types.js';
import { memoByIdentity } from '../util/identity-memo.js';
import { ANNEX, BODY, COVER, FONT_ROLES, HEADING, IMPRINT, PAGE_NUMBER, TABLE, TITLE, TOC, type FontRole } from '../profile/gbt9704.js';

export type RoleText = Record<FontRole, string>;

type Add = (role: FontRole, text: string | undefined) => void;

/** The text `fill` adds, joined by role. */
function gather(fill: (add: Add) => void): RoleText {
  const acc = Object.fromEntries(FONT_ROLES.map((r) => [r, [] as string[]])) as Record<FontRole, string[]>;
  fill((role, text) => {
    if (text) acc[role].push(text);
  });
  return Object.fromEntries(FONT_ROLES.map((r) => [r, acc[r].join('')])) as RoleText;
}

/** What the model draws besides its blocks: the 版记 and the page numbers. */
export function ownText(model: DocumentModel): RoleText {
  return gather((add) => {
    const i = model.imprint;
    if (i) add(IMPRINT.role, `抄送：主送：${i.cc ?? ''}${i.to ?? ''}${i.printer ?? ''}${i.printed ?? ''}印发`);
    add(PAGE_NUMBER.role, `${PAGE_NUMBER.prefix}0123456789${PAGE_NUMBER.suffix}`);
  });
}

/** A block's text by role, kept by the block (a batch's shared blocks once). */
export const blockText = memoByIdentity((b: Block): RoleText => gather((add) => blockInto(b, add)));

function blockInto(b: Block, add: Add): void {
  const runs = (role: FontRole, rs: Run[]) => {
    for (const r of rs) add(r.role && (FONT_ROLES as readonly string[]).includes(r.role) ? r.role : role, r.text);
  };
  switch (b.type) {
    case 'heading':
      add(HEADING[b.level]?.role ?? BODY.role, b.number);
      runs(HEADING[b.level]?.role ?? BODY.role, b.runs);
      break;
    case 'paragraph':
      if (b.number) add(HEADING[b.numberLevel ?? 3]?.role ?? BODY.role, b.number);
      add(BODY.role, b.bullet);
      runs(BODY.role, b.runs);
      break;
    case 'table':
      add(TABLE.headRole, b.caption);
      b.rows.forEach((row, i) =>
        row.forEach((c) => c?.paragraphs.forEach((p) => runs(i < b.headerRows ? TABLE.headRole : TABLE.bodyRole, p))),
      );
      break;
    case 'redHeader':
      add(TITLE.role, b.lines.join('') + b.suffix);
      add(BODY.role, `${b.number ?? ''}${b.copyNumber ?? ''}签发人：`);
      add('heiti', `${b.secrecy ?? ''}${b.urgency ?? ''}`);
      add('kaiti', (b.signers ?? []).join(''));
      break;
    case 'title':
      add(TITLE.role, b.lines.join(''));
      break;
    case 'recipients':
    case 'note':
      add(BODY.role, b.text);
      break;
    case 'attachmentNote':
      add(BODY.role, `附件：${b.items.join('')}0123456789.`);
      break;
    case 'signature':
      add(BODY.role, b.names.join('') + b.date);
      break;
    case 'annexLabel':
      add(ANNEX.labelRole, b.text);
      break;
    case 'cover':
      add(COVER.titleRole, b.title.join(''));
      add(COVER.textRole, `${b.author ?? ''}${b.date ?? ''}`);
      break;
    case 'toc':
      add(TOC.titleRole, b.title);
      add(BODY.role, '0123456789');
      break;
    default:
      break;
  }
}
