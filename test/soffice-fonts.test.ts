// The tests' LibreOffice sees only the fonts they were measured with (test/helpers/soffice.ts):
// fontconfig under the private file lists nothing outside TEST_FONT_DIRS, so installing
// fonts-noto-cjk (or any other CJK font) cannot change what LibreOffice draws in the tests.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TEST_FONT_DIRS, sofficeEnv } from './helpers/soffice.js';

describe('the pinned fonts of the tests\' LibreOffice', () => {
  it('fc-list under the private fontconfig lists only the pinned folders, with a CJK font among them', () => {
    const files = execFileSync('fc-list', ['--format', '%{file}\\n'], { encoding: 'utf8', env: sofficeEnv() }).trim().split('\n').filter(Boolean);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(TEST_FONT_DIRS.some((d) => f.startsWith(d + '/')), f).toBe(true);
    expect(files.some((f) => /wqy|wenkai/i.test(f))).toBe(true);
    expect(files.some((f) => /noto/i.test(f) && /cjk/i.test(f))).toBe(false);
  });
  it('仿宋_GB2312 resolves to a pinned CJK family (the system rules still choose among them)', () => {
    const pinned = execFileSync('fc-match', ['仿宋_GB2312:lang=zh-cn', 'family'], { encoding: 'utf8', env: sofficeEnv() }).trim();
    expect(pinned).toMatch(/WenQuanYi|LXGW|文泉|霞鹜/);
  });
});
