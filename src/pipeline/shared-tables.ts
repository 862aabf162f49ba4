// A batch's documents share their tables by identity: each table block of a compiled model is
// swapped for the first one of the same content the batch saw, so that the layout stage's memos
// (util/identity-memo.ts: columns, keeps, row heights, merges cut at page starts, the frame's
// drawing) answer it once for every document. A notice sent to 1,000 bases with the same
// 52-row list annexed measured, allocated and drew that list 1,000 times.
//
// The content is the block's JSON (what the layout reads of it, and nothing else: blocks are
// plain data). Only short tables (SHARED_TABLE_MAX_ROWS) are kept, within a budget of their
// JSON's length: content is untrusted, and what a batch shares is its annexes and forms.
import type { Block, DocumentModel, TableBlock } from '../model/types.js';
import { BoundedMemo } from '../util/bounded-memo.js';
import { sharedTable } from '../util/identity-memo.js';

const BUDGET_CHARS = 16 * 1024 * 1024;

export class SharedTables {
  private readonly kept = new BoundedMemo<string, TableBlock>(BUDGET_CHARS);
  /** Tables handed out already (a part compiled once gives the same object again): no JSON made. */
  private readonly handed = new WeakSet<TableBlock>();

  /** The model with each short table replaced by the one of the same content seen first (pure otherwise). */
  share(model: DocumentModel): DocumentModel {
    let changed = false;
    const sections = model.sections.map((s) => {
      let blocks: Block[] | undefined;
      s.blocks.forEach((b, i) => {
        if (b.type !== 'table' || !sharedTable(b)) return;
        const same = this.table(b);
        if (same === b) return;
        blocks ??= s.blocks.slice();
        blocks[i] = same;
      });
      if (!blocks) return s;
      changed = true;
      return { ...s, blocks };
    });
    return changed ? { ...model, sections } : model;
  }

  private table(t: TableBlock): TableBlock {
    if (this.handed.has(t)) return t;
    const key = JSON.stringify(t);
    const same = this.kept.get(key) ?? this.kept.set(key, t, key.length);
    this.handed.add(same);
    return same;
  }
}
