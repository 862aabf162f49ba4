// A batch's documents share their blocks by identity: each block of a compiled model (but
// figures, contents and long tables) and its 版记 is swapped for the first one of the same
// content the batch saw, so that the layout stage's memos (util/identity-memo.ts: columns,
// keeps, row heights, merges cut at page starts, lines counted; layout/frame/drawn-blocks.ts:
// the drawing) answer it once for every document. A notice sent to 1,000 bases with the same
// 52-row list annexed measured, allocated and drew that list, and the same thirty paragraphs,
// 1,000 times.
//
// The compile shares what its checks may share (kinds/shared-parts.ts: a block alike from record
// to record, with the same source positions); this shares by content alone, as the layout reads
// nothing else: also the 版记, tables, sealed signatures and blocks a record moved. The content
// is the block's JSON (blocks are plain data). Only short tables (SHARED_TABLE_MAX_ROWS) are
// kept, within a budget of their JSON's length: content is untrusted.
import type { Block, DocumentModel, ImprintBlock } from '../model/types.js';
import { BoundedMemo } from '../util/bounded-memo.js';
import { sharedTable } from '../util/identity-memo.js';

const BUDGET_CHARS = 16 * 1024 * 1024;

export class BlocksByContent {
  private readonly kept = new BoundedMemo<string, Block | ImprintBlock>(BUDGET_CHARS);
  /**
   * A block met before → the one handed out for its content, without making its JSON again:
   * each block handed out (to itself), and each the compile shares, frozen and the same object
   * from record to record (kinds/shared-parts.ts).
   */
  private readonly known = new WeakMap<Block | ImprintBlock, Block | ImprintBlock>();

  /** The model with each block (but figures, contents and long tables) and its 版记 replaced by the one of the same content seen first (pure otherwise). */
  share(model: DocumentModel): DocumentModel {
    let changed = false;
    const sections = model.sections.map((s) => {
      let blocks: Block[] | undefined;
      s.blocks.forEach((b, i) => {
        if (b.type === 'figure' || b.type === 'toc' || (b.type === 'table' && !sharedTable(b))) return;
        const same = this.block(b);
        if (same === b) return;
        blocks ??= s.blocks.slice();
        blocks[i] = same;
      });
      if (!blocks) return s;
      changed = true;
      return { ...s, blocks };
    });
    const imprint = model.imprint && this.block(model.imprint);
    return changed || imprint !== model.imprint ? { ...model, sections, imprint } : model;
  }

  private block<B extends Block | ImprintBlock>(t: B): B {
    const known = this.known.get(t);
    if (known) return known as B;
    const key = JSON.stringify(t);
    const same = (this.kept.get(key) ?? this.kept.set(key, t, key.length)) as B;
    this.known.set(same, same);
    if (Object.isFrozen(t)) this.known.set(t, same);
    return same;
  }
}
