// Font names as Word and WPS expect them (FONT_NAMES of the profile). Every rFonts sets
// ascii, hAnsi, eastAsia and cs explicitly and never a theme font, because a theme font
// silently overrides the East Asian one (docx #549). fontTable.xml names the alternative
// (仿宋 for 仿宋_GB2312) in w:altName, so a system without the first falls back sensibly.

import type { FontRole } from '../../profile/gbt9704.js';
import { FONT_NAMES, FONT_ROLES, LATIN_FONT } from '../../profile/gbt9704.js';
import { esc, XML_DECL, NS_W, NS_R } from './xml.js';

/** Roles whose Latin text stays in the role's own font (宋体 page numbers are "半角宋体"). */
const LATIN_IN_ROLE: ReadonlySet<FontRole> = new Set(['song']);

/** w:rFonts for a role; w:hint makes quotes, dashes and ellipses use the East Asian font. */
export function rFonts(role: FontRole): string {
  const cjk = esc(FONT_NAMES[role].primary);
  const latin = LATIN_IN_ROLE.has(role) ? cjk : esc(LATIN_FONT);
  return `<w:rFonts w:ascii="${latin}" w:hAnsi="${latin}" w:eastAsia="${cjk}" w:cs="${latin}" w:hint="eastAsia"/>`;
}


export function fontTableXml(): string {
  let fonts = '';
  for (const role of FONT_ROLES) {
    const f = FONT_NAMES[role];
    fonts +=
      `<w:font w:name="${esc(f.primary)}"><w:altName w:val="${esc(f.alternative)}"/>` +
      `<w:charset w:val="86"/><w:family w:val="${role === 'heiti' ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`;
  }
  fonts += `<w:font w:name="${esc(LATIN_FONT)}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  return `${XML_DECL}<w:fonts xmlns:w="${NS_W}" xmlns:r="${NS_R}">${fonts}</w:fonts>`;
}
