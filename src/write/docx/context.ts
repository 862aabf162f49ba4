// State shared while one document is rendered: numbering counters, link relationships,
// heading bookmarks (for the contents page) and the page geometry of the current section.
// Everything is assigned in document order, so ids are deterministic.

import type { DocumentModel, HeadingBlock } from '../../model/types.js';
import type { HeadingLevel } from '../../profile/gbt9704.js';
import { Numbering } from './numbering.js';
import { PORTRAIT_TW, type PageGeometry } from './units.js';
import type { LinkSink } from './paragraph.js';
import type { MediaPart, MediaSink } from './media.js';

export interface HeadingRef {
  id: string;
  level: HeadingLevel;
  number: string;
  text: string;
  bookmark: string;
  bookmarkId: number;
}

export class RenderContext implements LinkSink, MediaSink {
  readonly numbering = new Numbering();
  /** Image parts (seals), in the order first used. */
  readonly media: MediaPart[] = [];
  private drawings = 0;
  readonly links: string[] = [];
  private readonly linkIds = new Map<string, string>();
  /** Headings of the whole document in order, with their bookmarks. */
  readonly headings: HeadingRef[] = [];
  private readonly byBlock = new Map<HeadingBlock, HeadingRef>();
  geometry: PageGeometry = PORTRAIT_TW;

  constructor(model: DocumentModel) {
    const used = new Set<string>();
    let n = 0;
    for (const s of model.sections) {
      for (const b of s.blocks) {
        if (b.type !== 'heading') continue;
        n++;
        // Word bookmark names: letters, digits and "_", at most 40 characters; "_Toc" ones are hidden.
        let name = ('_Toc_' + b.id.replace(/[^A-Za-z0-9_]/g, '_')).slice(0, 40);
        if (used.has(name)) name = `${name.slice(0, 32)}_${n}`;
        used.add(name);
        const ref: HeadingRef = {
          id: b.id,
          level: b.level,
          number: b.number,
          text: b.runs.map((r) => r.text).join(''),
          bookmark: name,
          bookmarkId: n,
        };
        this.headings.push(ref);
        this.byBlock.set(b, ref);
      }
    }
  }

  heading(b: HeadingBlock): HeadingRef | undefined {
    return this.byBlock.get(b);
  }

  /** A document-wide unique id for a drawing's wp:docPr and pic:cNvPr. */
  nextDrawingId(): number {
    return ++this.drawings;
  }

  link(target: string): string {
    let id = this.linkIds.get(target);
    if (!id) {
      this.links.push(target);
      id = `rIdLink${this.links.length}`;
      this.linkIds.set(target, id);
    }
    return id;
  }
}
