// fontkit, loaded when a font is first parsed: a build with the substitute WOFF2 fonts reads
// their character maps and widths without it (woff2-cmap.ts), and importing it cost 0.28 s of a
// cold build's 4 s (its ES build; the CommonJS one, the same code, 0.14 s when it is needed:
// user fonts in fonts/, or a font that is not WOFF2).
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

const require = createRequire(import.meta.url);
let loaded: typeof Fontkit | undefined;

export function fontkit(): typeof Fontkit {
  return (loaded ??= require('fontkit') as typeof Fontkit);
}
