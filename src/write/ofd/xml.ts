// XML text for the OFD parts: one declaration, one namespace prefix, one escape, and one way to
// write a length. GB/T 33190 measures everything in millimetres; the pages arrive in points.
// Lengths are written on a 0.001 mm grid (a micrometre, far below the 0.1 mm the tests allow and
// below any printer's dot), with trailing zeros cut: the same page gives the same digits.
import { MM_PER_PT } from '../../profile/gbt9704.js';

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const NS_OFD = 'http://www.ofdspec.org/2016';
/** The root element's namespace declaration (every part uses the prefix ofd:). */
export const XMLNS = `xmlns:ofd="${NS_OFD}"`;

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for element content and attribute values alike. Characters XML 1.0 cannot carry
 * (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/FFFF) are dropped: they cannot
 * be drawn either, and one of them would make the whole part unreadable.
 */
export function esc(s: string): string {
  return s
    .replace(/[&<>"']/g, (c) => ESC[c])
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/** Points to whole micrometres (the grid every written length is on). */
export function um(pt: number): number {
  return Math.round(pt * MM_PER_PT * 1000);
}

/** Micrometres as millimetres, without trailing zeros ("12.5", "0", "-3.175"). */
export function mm(micro: number): string {
  if (micro === 0) return '0';
  const sign = micro < 0 ? '-' : '';
  const a = Math.abs(micro);
  const whole = Math.floor(a / 1000);
  const frac = a % 1000;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

/** A plain number (a matrix entry, a scale), six decimals at most, no exponent. */
export function num(v: number): string {
  const r = Math.round(v * 1e6) / 1e6;
  if (Object.is(r, -0) || r === 0) return '0';
  return r.toFixed(6).replace(/\.?0+$/, '');
}

/** "r g b" (0–255) from the contract's RGB hex. */
export function rgb(hex: string): string {
  const h = /^[0-9a-fA-F]{6}$/.test(hex) ? hex : '000000';
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).join(' ');
}

/** A colour element (FillColor, StrokeColor), with its alpha when not opaque. */
export function color(tag: 'FillColor' | 'StrokeColor', hex: string, opacity?: number): string {
  const alpha = opacity === undefined || opacity >= 1 ? '' : ` Alpha="${Math.max(0, Math.min(255, Math.round(opacity * 255)))}"`;
  return `<ofd:${tag} Value="${rgb(hex)}"${alpha}/>`;
}

/** A box "x y w h" in millimetres, from micrometres. */
export function box(x: number, y: number, w: number, h: number): string {
  return `${mm(x)} ${mm(y)} ${mm(w)} ${mm(h)}`;
}
