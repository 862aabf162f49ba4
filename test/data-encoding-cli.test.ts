// A clerk's list from Taiwan or Hong Kong arrives as a Big5 CSV (issue 22): it is not UTF-8, and
// GB18030 decodes any bytes without failing, so the list was read as gibberish and reported as
// missing columns at the .md. `gongwen check` now says what is wrong, at the CSV, and exits 1;
// the same list saved as GBK, in traditional characters, still checks clean.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCopy } from './fixtures/cli-copy.js';

let tmp = '';
let bin = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gongwen-encoding-'));
  bin = cliCopy(join(tmp, 'gongwen'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const LIST = '序號,基地名稱,所在地區\n1,國家火炬無錫惠山石墨烯新材料特色產業基地,江蘇\n2,國家火炬南京新港光電及激光特色產業基地,江蘇\n3,國家火炬麗水智能裝備與機器人特色產業基地,浙江\n';

function project(name: string, csv: Buffer): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'content'), { recursive: true });
  writeFileSync(join(dir, 'content/名单.csv'), csv);
  writeFileSync(join(dir, 'content/list.md'), '---\nkind: list\ntitle: 特色产业基地名单\ndata: 名单.csv\n---\n');
  return dir;
}

function check(dir: string, lang = 'en') {
  const r = spawnSync(process.execPath, [bin, 'check', 'content/list.md'], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, GONGWEN_LANG: lang, NO_COLOR: '1' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('a CSV in an encoding that is not UTF-8 or GBK', () => {
  it('Big5 is an encoding error at the CSV, naming Big5, and nothing about columns', () => {
    const r = check(project('big5', iconv.encode(LIST, 'big5')));
    expect(r.status, r.out).toBe(1);
    expect(r.out).toMatch(/content\/名单\.csv:1:1 error data-encoding: the file is not UTF-8, and read as GBK\/GB18030 it is not Chinese text \(\d+ of its \d+ characters/);
    expect(r.out).toContain('it reads as Big5 (traditional Chinese). Save it as UTF-8');
    expect(r.out).not.toMatch(/column|列/);
  });

  it('the same list in GBK (traditional characters) and in UTF-8 checks clean', () => {
    for (const [name, bytes] of [['gbk', iconv.encode(LIST, 'gbk')], ['utf8', Buffer.from(LIST)]] as const) {
      const r = check(project(name, bytes));
      expect(r.out).not.toContain('data-encoding');
      expect(r.status, r.out).toBe(0);
    }
  });
});
