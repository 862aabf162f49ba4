// gongwen import on DOCX files LibreOffice saved from old notices in seven layouts (issue 22):
// each imports to front matter that `gongwen check` accepts (no errors) and builds; the
// frictions of issue 22 are read in what was written: the 版记 before the annexes, more 附件说明
// items than annex pages, 附件N matched by its number, typed numbering kept as typed (read
// back through LibreOffice from the rebuilt DOCX), plain 「一、」 paragraphs as headings, a
// seal, a table annex. Run with: flock /tmp/lo.lock npx vitest run test/import-lo.test.ts

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cliCopy } from './fixtures/cli-copy.js';
import { LAYOUTS, VARIANTS } from './fixtures/import/layouts.js';
import { convert, saveAsDocx } from './fixtures/import/notices.js';

let tmp = '';
let bin = '';
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 170_000 });
const front = (path: string) => parse(readFileSync(path, 'utf8').split('\n---\n')[0].replace(/^---\n/, '')) as Record<string, unknown>;
const imported: Record<string, { status: number | null; stderr: string; md: string; fm: Record<string, unknown> }> = {};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gongwen-import-lo-'));
  chmodSync(tmp, 0o755);
  bin = cliCopy(join(tmp, 'gongwen'));
  saveAsDocx([...LAYOUTS, ...VARIANTS], tmp);
  for (const n of [...LAYOUTS, ...VARIANTS]) {
    const r = run(['import', `${n.name}.docx`, '-o', `content/${n.name}.md`], tmp);
    const path = join(tmp, 'content', `${n.name}.md`);
    imported[n.name] = { status: r.status, stderr: r.stderr, md: existsSync(path) ? readFileSync(path, 'utf8') : '', fm: existsSync(path) ? front(path) : {} };
  }
}, 600_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('import of DOCX files LibreOffice saved', () => {
  it('every layout, typed two ways, imports with everything placed, checks without errors and builds as DOCX', () => {
    for (const n of [...LAYOUTS, ...VARIANTS]) {
      const r = imported[n.name];
      expect(r.status, `${n.name}: ${r.stderr}`).toBe(0);
      expect(r.stderr, n.name).toMatch(/everything placed\n$/);
      // No field in the shape of the old bug (a list item written as a map of its characters).
      expect(r.md, n.name).not.toMatch(/^\s+(- )?\d+: /m);
      expect(r.fm.kind).toBe('notice');
      expect(r.fm.title).toBe(n.title);
      expect(r.fm.to).toBe(n.to);
      expect(r.fm.issuer).toBe(n.mark.replace(/\s*文件$/, ''));
      expect(r.fm.date, n.name).toBe(LAYOUTS.find((l) => n.name.startsWith(l.name))!.date.replace(/^(\d{4})年(\d+)月(\d+)日$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`));
      expect(r.fm.number).toBe(n.number);
      const titles = (r.fm.attachments as (string | { title: string })[]).map((a) => (typeof a === 'string' ? a : a.title));
      expect(titles, n.name).toEqual(n.attachments);
      if (n.imprint !== 'none') {
        expect(r.fm.printer, n.name).toBe(n.printer);
        if (n.cc) expect(r.fm.cc, n.name).toEqual([n.cc]);
      }
      if (n.note) expect(r.fm.note).toBe(n.note);
    }
    const files = [...LAYOUTS, ...VARIANTS].map((n) => `content/${n.name}.md`);
    const check = run(['check', ...files], tmp);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stderr).toMatch(/14 files checked: 0 errors/);
    const build = run(['build', ...files, '--format', 'docx', '--out', 'out'], tmp);
    expect(build.status, build.stderr).toBe(0);
    for (const n of [...LAYOUTS, ...VARIANTS]) expect(existsSync(join(tmp, 'out', `${n.name}.docx`)), n.name).toBe(true);
    // The variants read as the layouts do: the same front matter but for the annex file names.
    for (const n of VARIANTS) {
      const base = imported[n.name.replace(/-typed-otherwise$/, '')];
      expect(imported[n.name].md.replaceAll(n.name, 'X'), n.name).toBe(base.md.replaceAll(n.name.replace(/-typed-otherwise$/, ''), 'X'));
    }
  });

  it('a 版记 before the annex pages: 署名, date, 附注, 抄送 and 印发 are fields, the annexes their own files', () => {
    const r = imported['imprint-before-annexes'];
    expect(r.fm).toMatchObject({
      date: '2025-04-08',
      note: '联系人：王明，电话：010-88656000',
      cc: ['各国家高新区管委会'],
      printer: '科学技术部火炬高技术产业开发中心办公室',
      printed: '2025-04-09',
      attachments: [
        { title: '2025年度国家火炬特色产业基地复核名单', file: 'imprint-before-annexes-annex1.md' },
        { title: '复核材料提纲', file: 'imprint-before-annexes-annex2.md' },
      ],
    });
    const annex1 = readFileSync(join(tmp, 'content/imprint-before-annexes-annex1.md'), 'utf8');
    expect(annex1).toContain('| 1 | 江苏 | 常州新型涂料特色产业基地 |');
    expect(annex1).not.toMatch(/抄送|印发/);
    const annex2 = readFileSync(join(tmp, 'content/imprint-before-annexes-annex2.md'), 'utf8');
    expect(annex2).toMatch(/^---\nkind: annex\ntitle: 复核材料提纲\n---\n\n# 基地发展概况\n/);
  });

  it('more 附件说明 items than annex pages: titles as items, each missing page named at its paragraph', () => {
    const r = imported['more-items-than-pages'];
    expect(r.fm.attachments).toEqual([{ title: '推荐汇总表', file: 'more-items-than-pages-annex1.md' }, { title: '创新型产业集群申报表' }, { title: '创新型产业集群发展规划提纲' }]);
    expect(r.stderr).toMatch(/第 \d+ 段「2．创新型产业集群申报表」: note: 附件2「创新型产业集群申报表」在文件中没有附件页/);
    expect(r.stderr).toMatch(/附件3「创新型产业集群发展规划提纲」在文件中没有附件页/);
  });

  it('pages headed 附件2 and 附件3 go to attachments 2 and 3', () => {
    const r = imported['annex-by-number'];
    expect(r.fm.attachments).toEqual([
      { title: '国家技术转移机构考核评价指标' },
      { title: '考核评价报告提纲', file: 'annex-by-number-annex2.md' },
      { title: '机构基本信息表', file: 'annex-by-number-annex3.md' },
    ]);
    expect(readFileSync(join(tmp, 'content/annex-by-number-annex2.md'), 'utf8')).toContain('title: 考核评价报告提纲');
    expect(readFileSync(join(tmp, 'content/annex-by-number-annex3.md'), 'utf8')).toContain('| 机构名称 | 所在地 | 联系人 |');
  });

  it('plain 「一、」 paragraphs (bold, with a space, with ASCII parentheses) are headings of their number\'s level', () => {
    const md = imported['plain-headings'].md;
    expect(md).toContain('\n# 申报范围\n');
    expect(md).toContain('\n# 申报条件\n\n## 基地主导产业明确\n');
    expect(md).toContain('\n## 创新能力较强\n');
    expect(md).toContain('\n# 联系方式\n');
  });

  it('a sealed letter-form notice: seal: true, the office above the title is the issuer, not the title', () => {
    const r = imported.sealed;
    expect(r.fm.seal).toBe(true);
    expect(r.fm.title).toBe('关于举办2025年创新创业大赛培训班的通知');
    expect(r.stderr).toContain('印章图片未导入');
  });

  it('a table annex: a pipe table with every row', () => {
    const annex = readFileSync(join(tmp, 'content/table-annex-annex1.md'), 'utf8');
    expect(annex).toContain('| 序号 | 省市 | 基地名称 | 复核结果 |\n| --- | --- | --- | --- |\n| 1 | 河北 | 清河羊绒特色产业基地 | 通过 |');
    expect(annex).toContain('| 3 | 辽宁 | 营口镁质材料特色产业基地 | 整改 |');
  });

  it('typed numbering is kept as typed: 1. under 二、 prints 1. again (read through LibreOffice from the rebuilt DOCX)', () => {
    const md = imported['typed-numbering'].md;
    // 1. right under 二、 skips （一）: gongwen would number such a heading （一）, so it stays a
    // paragraph that starts with its number as typed (and its children with it).
    expect(md).toContain('\n# 填报方式\n\n1\\.网上填报\n');
    expect(md).toContain('\n（1）统计报表一式两份\n');
    expect(md).toContain('\n3\\.各地科技管理部门要对数据认真审核');
    const [txt] = convert([join(tmp, 'out/typed-numbering.docx')], join(tmp, 'out'), undefined, 'txt:Text (encoded):UTF8');
    const text = readFileSync(txt, 'utf8').replace(/\r/g, '');
    expect(text).toMatch(/^\s*二、\s*填报方式$/m);
    expect(text).toMatch(/^\s*1\.\s*网上填报$/m);
    expect(text).toMatch(/^\s*2\.\s*纸质材料$/m);
    expect(text).toMatch(/^\s*（1）\s*统计报表一式两份$/m);
    expect(text).toMatch(/^\s*3\.各地科技管理部门/m);
    expect(text).not.toMatch(/（一）\s*网上填报/);
  });
});
