// Copies the font files gongwen draws with from the @fontsource devDependencies into
// dist/package-fonts/, the one folder the runtime reads them from (src/fonts/package-fonts.ts):
// the CSS files of the weights used, the WOFF2 files that CSS names, the SVG faces' WOFF files,
// and each package's LICENSE (the SIL Open Font License asks for it beside the fonts). 43 MB of
// the packages' 218 MB. Files no longer on the list are removed, so the tarball holds the list.
// Run by `npm run build` and `prepack` after tsc (it reads the lists from dist/), and by the
// test setup (test/setup/package-fonts.ts, with the lists from src/).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));

/**
 * @param {{ css: string[], files: string[], to: string }} list package paths ("@fontsource/x/300.css")
 * @returns {{ files: number, bytes: number }}
 */
export function copyFonts({ css, files, to }) {
  const wanted = new Set(files);
  for (const c of css) {
    wanted.add(c);
    const pkgDir = c.split('/').slice(0, 2).join('/');
    wanted.add(`${pkgDir}/LICENSE`);
    const text = readFileSync(require.resolve(c), 'utf8');
    for (const m of text.matchAll(/url\(\.\/(files\/[^)]+\.woff2)\)/g)) wanted.add(`${dirname(c)}/${m[1]}`);
  }
  let bytes = 0;
  for (const f of wanted) {
    const src = require.resolve(f);
    const dst = join(to, f);
    const size = statSync(src).size;
    bytes += size;
    if (existsSync(dst) && statSync(dst).size === size) continue;
    mkdirSync(dirname(dst), { recursive: true });
    copyFileSync(src, dst);
  }
  // Anything else in the folder (a weight no longer used) goes.
  const walk = (dir) => {
    for (const e of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!wanted.has(relative(to, p).split(sep).join('/'))) rmSync(p);
    }
  };
  walk(to);
  return { files: wanted.size, bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { SHIPPED_FONT_CSS } = await import('../dist/fonts/package-fonts.js');
  const { PACKAGE_FONT_DIR } = await import('../dist/util/package-font-dir.js');
  const { SVG_FONT_FILES } = await import('../dist/source/images/svg-fonts.js');
  const { files, bytes } = copyFonts({ css: SHIPPED_FONT_CSS, files: SVG_FONT_FILES, to: PACKAGE_FONT_DIR });
  console.log(`font files: ${files} (${(bytes / 1e6).toFixed(1)} MB) in ${relative(process.cwd(), PACKAGE_FONT_DIR) || PACKAGE_FONT_DIR}`);
}
