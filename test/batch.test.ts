// gongwen batch, end to end through the CLI: --each, --group-by, a failing record, the skip
// of unchanged inputs. DOCX only where the PDF adds nothing to what is tested (speed).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, readdirSync, statSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin/gongwen.js');
let dir: string;

/** The front matter both test notices start with: the record's fields in number, title, 主送. */
const NOTICE_HEAD = `kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2020〕{{编号}}号
title: 关于{{基地名称}}复核的通知
to: "{{基地名称}}"
date: 2020-11-06`;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function docxText(path: string): string {
  return execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-batch-'));
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'content'));
  writeFileSync(
    join(dir, 'data/bases.csv'),
    '编号,基地名称,省市\r\n1,国家火炬甲特色产业基地,江苏\r\n2,国家火炬乙特色产业基地,\r\n03,国家火炬丙特色产业基地,浙江\r\n4,国家火炬丁特色产业基地,浙江\r\n',
  );
  writeFileSync(
    join(dir, 'content/notice.md'),
    `---
${NOTICE_HEAD}
---

请{{基地名称}}（{{省市}}）按要求报送材料。
`,
  );
  writeFileSync(
    join(dir, 'content/list.md'),
    `---
kind: list
title: 复核名单
data: ../data/bases.csv
columns: [基地名称, 省市]
number: 序号
merge: [省市]
---
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gongwen batch', () => {
  it('renders one document per record with the record in the front matter and body, and reports the bad record by its row', () => {
    const r = run(['batch', 'content/notice.md', '--data', 'data/bases.csv', '--each', '--name', '{{编号}}-{{基地名称}}', '--format', 'docx', '--out', 'out/each']);
    // Record 3 has 编号 "03": a leading zero makes its 发文字号 wrong; the others are built.
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/data\/bases\.csv:4:1 error record: record 3 \(03-国家火炬丙特色产业基地\) not built: .*不加前导0.*（data\/bases\.csv 第 4 行的记录）/);
    expect(r.err).toMatch(/4 documents: 3 built, 0 unchanged \(skipped\), 1 failed/);
    const files = readdirSync(join(dir, 'out/each')).filter((f) => f.endsWith('.docx')).sort();
    expect(files).toEqual(['1-国家火炬甲特色产业基地.docx', '2-国家火炬乙特色产业基地.docx', '4-国家火炬丁特色产业基地.docx']);
    const text = docxText(join(dir, 'out/each/2-国家火炬乙特色产业基地.docx'));
    expect(text).toContain('关于国家火炬乙特色产业基地复核的通知');
    expect(text).toContain('国科火字〔2020〕2号');
    expect(text).toContain('请国家火炬乙特色产业基地');
  });

  it('skips unchanged documents, and renders again with --force', () => {
    const out = join(dir, 'out/skip');
    const first = run(['batch', 'content/notice.md', '--data', 'data/bases.csv', '--each', '--format', 'docx', '--out', out]);
    expect(first.err).toMatch(/3 built, 0 unchanged/);
    const mtime = statSync(join(out, 'notice-1.docx')).mtimeMs;
    const second = run(['batch', 'content/notice.md', '--data', 'data/bases.csv', '--each', '--format', 'docx', '--out', out]);
    expect(second.err).toMatch(/0 built, 3 unchanged/);
    expect(statSync(join(out, 'notice-1.docx')).mtimeMs).toBe(mtime);
    // A changed input is rendered again.
    cpSync(join(dir, 'content/notice.md'), join(dir, 'content/notice.bak'));
    writeFileSync(join(dir, 'content/notice.md'), readFileSync(join(dir, 'content/notice.md'), 'utf8').replace('按要求', '按通知要求'));
    const third = run(['batch', 'content/notice.md', '--data', 'data/bases.csv', '--each', '--format', 'docx', '--out', out]);
    expect(third.err).toMatch(/3 built, 0 unchanged/);
    cpSync(join(dir, 'content/notice.bak'), join(dir, 'content/notice.md'));
    const forced = run(['batch', 'content/notice.md', '--data', 'data/bases.csv', '--each', '--format', 'docx', '--out', out, '--force']);
    expect(forced.err).toMatch(/3 built, 0 unchanged/);
  });

  it('renders one list per group, blanks belonging to the value above', () => {
    const r = run(['batch', 'content/list.md', '--group-by', '省市', '--format', 'docx', '--out', 'out/groups']);
    expect(r.code).toBe(0);
    const files = readdirSync(join(dir, 'out/groups')).filter((f) => f.endsWith('.docx')).sort();
    expect(files).toEqual(['list-江苏.docx', 'list-浙江.docx']);
    const js = docxText(join(dir, 'out/groups/list-江苏.docx'));
    expect(js).toContain('国家火炬甲特色产业基地');
    expect(js).toContain('国家火炬乙特色产业基地');
    expect(js).not.toContain('国家火炬丙特色产业基地');
  });

  it('builds several notices in one batch, each numbered from "— 1 —" with the 版记 on its own even page', () => {
    writeFileSync(
      join(dir, 'content/full.md'),
      `---
${NOTICE_HEAD}
cc: [各省科技厅]
printer: 科学技术部火炬高技术产业开发中心办公室
printed: 2020-11-09
attachments:
  - title: 复核名单
    file: list.md
---

请{{基地名称}}（{{省市}}）按要求报送材料。${'根据有关规定，现将复核工作有关事项通知如下，请认真组织实施。'.repeat(8)}
`,
    );
    writeFileSync(join(dir, 'data/ok.csv'), '编号,基地名称,省市\n1,国家火炬甲特色产业基地,江苏\n2,国家火炬乙特色产业基地,江苏\n4,国家火炬丁特色产业基地,浙江\n');
    const r = run(['batch', 'content/full.md', '--data', 'data/ok.csv', '--each', '--out', 'out/full']);
    expect(r.code, r.err).toBe(0);
    for (const n of [1, 2, 3]) {
      const pdf = join(dir, `out/full/full-${n}.pdf`);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      expect(pages % 2, `document ${n} ends on an even page`).toBe(0);
      const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
      expect(first).toMatch(/—\s*1\s*—/);
      const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), pdf, '-'], { encoding: 'utf8' });
      expect(last).toContain('印发');
      expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).not.toMatch(/Type 3/);
    }
    // The same document built alone has the same pages and text.
    const alone = run(['build', 'content/full.md', '--out', 'out/alone']);
    expect(alone.code).toBe(1); // {{编号}} is a batch field: the content alone cannot be built
    const text = (p: string) => execFileSync('pdftotext', [p, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text(join(dir, 'out/full/full-2.pdf'))).toContain('关于国家火炬乙特色产业基地复核的通知');
    expect(text(join(dir, 'out/full/full-2.pdf'))).not.toContain('国家火炬甲特色产业基地复核的通知');
  });

  it('says what is wrong with the usage', () => {
    expect(run(['batch', 'content/notice.md', '--data', 'data/bases.csv']).code).toBe(2);
    const r = run(['batch', 'content/list.md', '--group-by', '城市', '--format', 'docx', '--out', 'out/x']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the data has no column "城市"; its columns are "编号", "基地名称", "省市"/);
  });
});
