// Pictures in the PDF: the HTML names each figure by a URL of MEDIA_ORIGIN that carries the
// file's SHA-256 and path; the PDF renderer's request interception answers it (JavaScript stays
// off, nothing else is fetched). The server reads only image files whose content still has
// the digest the model recorded, so a page can never make it read anything else.

import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { FigureBlock } from '../../model/types.js';

export const MEDIA_ORIGIN = 'http://media.local';

const TYPES: Record<FigureBlock['format'], string> = { png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml' };

export function mediaUrl(b: FigureBlock): string {
  return `${MEDIA_ORIGIN}/${b.digest}/${b.format}/${encodeURIComponent(b.path)}`;
}

const cache = new Map<string, { body: Buffer; contentType: string }>();

/** Answers a media URL with the file's bytes, or undefined (the request is then refused). */
export function serveMedia(url: string): { body: Buffer; contentType: string } | undefined {
  if (!url.startsWith(`${MEDIA_ORIGIN}/`)) return undefined;
  const hit = cache.get(url);
  if (hit) return hit;
  const m = /^([0-9a-f]{64})\/(png|jpeg|svg)\/(.+)$/.exec(url.slice(MEDIA_ORIGIN.length + 1));
  if (!m) return undefined;
  let body: Buffer;
  try {
    body = readFileSync(decodeURIComponent(m[3]));
  } catch {
    return undefined;
  }
  if (createHash('sha256').update(body).digest('hex') !== m[1]) return undefined;
  const answer = { body, contentType: TYPES[m[2] as FigureBlock['format']] };
  if (cache.size > 64) cache.clear();
  cache.set(url, answer);
  return answer;
}
