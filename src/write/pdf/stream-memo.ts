// Deflated streams by their bytes, across the documents of a batch: notices made from one
// content file draw many of the same pages (an annex's list, a body that the record does not
// reflow), and deflating a page's content stream costs about 30 times hashing it (node:zlib
// level 6 against SHA-1). The output is deflate's own for those bytes, so a file is the same
// with or without the memo. Bounded: past MAX_BYTES of kept output it starts again empty.

import { createHash } from 'node:crypto';
import { BoundedMemo } from '../../util/bounded-memo.js';
import { deflate } from './serialize.js';

/**
 * Kept deflated bytes at most. Streams that never come again (each document's first page, its
 * object streams) are kept too, about 8 kB a seed notice: 8 MB is a thousand documents' worth.
 */
const MAX_BYTES = 8 * 1024 * 1024;
/** Streams shorter than this are deflated every time: hashing and keeping them saves nothing. */
const MIN_LENGTH = 512;

export class StreamMemo {
  private readonly kept = new BoundedMemo<string, Uint8Array>(MAX_BYTES);
  /**
   * Deflated text by the text itself: a page's content kept whole (content.ts) comes back as
   * the same string, whose hash V8 keeps with it, so it is found without turning it into bytes
   * and hashing them (2 % of a batch's main thread). Text that is new is new as bytes too: it is
   * kept here only.
   */
  private readonly keptText = new BoundedMemo<string, Uint8Array>(MAX_BYTES * 2);
  hits = 0;
  misses = 0;

  deflateText(text: string): Uint8Array {
    if (text.length < MIN_LENGTH) return deflate(Buffer.from(text, 'latin1'));
    const out = this.keptText.get(text);
    if (out) {
      this.hits++;
      return out;
    }
    this.misses++;
    const made = packed(Buffer.from(text, 'latin1'));
    return this.keptText.set(text, made, text.length + made.length);
  }

  deflate(data: Uint8Array): Uint8Array {
    if (data.length < MIN_LENGTH) return deflate(data);
    const key = createHash('sha1').update(data).digest('base64') + data.length;
    const out = this.kept.get(key);
    if (out) {
      this.hits++;
      return out;
    }
    this.misses++;
    const made = packed(data);
    return this.kept.set(key, made, made.length);
  }
}

/**
 * Deflated, as a copy of exactly its bytes: zlib's output can be a view of a bigger buffer, which
 * a kept view would keep whole (RSS grew 130 MB over 2,000 notices).
 */
function packed(data: Uint8Array): Uint8Array {
  return new Uint8Array(deflate(data));
}
