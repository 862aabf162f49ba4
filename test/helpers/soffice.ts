// The one way the tests run LibreOffice. Its result must not depend on which CJK fonts a machine
// happens to have: with fonts-noto-cjk installed, LibreOffice drew the DOCX's 仿宋_GB2312 and
// 方正小标宋 with Noto Serif CJK instead of the fonts the tests were measured with, and the plan's
// contents moved (2 of 840 tests failed on a clean machine with that package). So soffice runs
// with a private fontconfig file that lists only the folders the tests rely on — WenQuanYi Zen
// Hei (fonts-wqy-zenhei), LXGW WenKai (fonts-lxgw-wenkai), Liberation (Times New Roman's metric
// twin), DejaVu (LibreOffice's own dependency) and OpenSymbol — with a cache of its own; a folder that is missing
// is left out, so the set can only shrink, never grow. The system's rules (/etc/fonts/conf.d)
// still apply: they choose among these fonts as before (WenQuanYi Zen Hei for 仿宋_GB2312 on
// the machine the tests were measured on; without them LibreOffice took LXGW WenKai), and a
// rule that prefers Noto CJK finds no Noto to prefer.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_FONT_DIRS = [
  '/usr/share/fonts/truetype/wqy',
  '/usr/share/fonts/truetype/lxgw-wenkai',
  '/usr/share/fonts/truetype/liberation',
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/truetype/libreoffice',
  '/usr/lib/libreoffice/share/fonts/truetype',
];

let fontconfigFile: string | undefined;

/** A fontconfig file naming only TEST_FONT_DIRS (made once per test process). */
export function testFontconfig(): string {
  if (fontconfigFile && existsSync(fontconfigFile)) return fontconfigFile;
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-fc-'));
  const cache = join(dir, 'cache');
  mkdirSync(cache);
  const dirs = TEST_FONT_DIRS.filter((d) => existsSync(d))
    .map((d) => `  <dir>${d}</dir>`)
    .join('\n');
  const conf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${dirs}
  <cachedir>${cache}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
`;
  fontconfigFile = join(dir, 'fonts.conf');
  writeFileSync(fontconfigFile, conf);
  return fontconfigFile;
}

/** The environment soffice runs in: the private fontconfig, and `extra` on top. */
export function sofficeEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, FONTCONFIG_FILE: testFontconfig(), ...extra };
}

export interface SofficeOptions {
  /** A folder for LibreOffice's profile (-env:UserInstallation); none: soffice's default. */
  profile?: string;
  /**
   * Keep the blank pages LibreOffice inserts itself (a section that starts on an even page
   * after content ending on one), as Writer prints them by default (Print/EmptyPages true) and
   * Word always does; its PDF export leaves them out by default (IsSkipEmptyPages true).
   */
  keepBlankPages?: boolean;
  timeout?: number;
  env?: NodeJS.ProcessEnv;
}

const profileArgs = (o: SofficeOptions) => (o.profile ? [`-env:UserInstallation=file://${o.profile}`] : []);

/** Converts `files` to PDF into `outDir` (throws when soffice fails). */
export function sofficeToPdf(files: string[], outDir: string, o: SofficeOptions = {}): void {
  const pdf = o.keepBlankPages ? 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}' : 'pdf';
  execFileSync('soffice', [...profileArgs(o), '--headless', '--convert-to', pdf, '--outdir', outDir, ...files], {
    stdio: 'ignore',
    timeout: o.timeout ?? 300_000,
    env: sofficeEnv(o.env),
  });
}

/** soffice with any arguments, its output returned (spawnSync), in the pinned font set. */
export function soffice(args: string[], o: SofficeOptions = {}): SpawnSyncReturns<string> {
  return spawnSync('soffice', [...profileArgs(o), ...args], { encoding: 'utf8', timeout: o.timeout ?? 300_000, env: sofficeEnv(o.env) });
}
