// Documents that are not in content/, generated the way a new user would write them: the
// notice of content/2020-191.md with its name list cut to end flush with the foot of a page
// (with and without 版记, and one row shorter), the plan with contents of one and of two pages,
// and the landscape cluster list. Written into a fresh project folder (content/, data/,
// templates/ overrides) that `gongwen build -p` takes.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFile } from '../../src/pipeline/compile.js';
import { distribute } from '../../src/layout/flow/distribute.js';
import { rowHeights } from '../../src/layout/tables/rows.js';
import type { TableBlock } from '../../src/model/types.js';

const ROOT = join(import.meta.dirname, '..', '..');

function frontMatter(md: string): [string, string] {
  const [, fm, ...rest] = md.split(/^---\n/m);
  return [fm, rest.join('---\n')];
}

const withoutKeys = (fm: string, keys: string[]) => fm.split('\n').filter((l) => !keys.some((k) => l.startsWith(`${k}:`))).join('\n');

/** Writes the variants into `dir`; returns the content files (relative to dir) by name. */
export async function writeVariants(dir: string): Promise<Record<string, string>> {
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  const notice = readFileSync(join(ROOT, 'content/2020-191.md'), 'utf8');
  const [nfm, nbody] = frontMatter(notice);
  const list = readFileSync(join(ROOT, 'content/2020-191-list.md'), 'utf8');
  const [lfm] = frontMatter(list);
  const csv = readFileSync(join(ROOT, 'data/2020-191-bases.csv'), 'utf8').trim().split('\n');
  const files: Record<string, string> = {};

  const write = (name: string, rows: number, imprint: boolean) => {
    writeFileSync(join(dir, `data/${name}.csv`), csv.slice(0, rows + 1).join('\n') + '\n');
    writeFileSync(join(dir, `content/${name}-list.md`), `---\n${lfm.replace(/^data: .*$/m, `data: ../data/${name}.csv`)}---\n`);
    let fm = nfm.replace('file: 2020-191-list.md', `file: ${name}-list.md`);
    if (!imprint) fm = withoutKeys(fm, ['cc', 'printer', 'printed']);
    writeFileSync(join(dir, `content/${name}.md`), `---\n${fm}---\n${nbody}`);
    files[name] = `content/${name}.md`;
  };

  // The number of list rows that ends the table flush with the foot (less than a row left).
  let flush = 0;
  for (let n = csv.length - 1; n >= 5 && !flush; n--) {
    write('probe', n, false);
    const { model } = await compileFile(join(dir, 'content/probe.md'), { projectDir: dir });
    if (!model) throw new Error('variant does not compile');
    const flow = distribute(model);
    const t = model.sections.flatMap((s) => s.blocks).find((b): b is TableBlock => b.type === 'table')!;
    const row = rowHeights(t, flow.lastBox.widthPt)[1];
    if (flow.lastBox.heightPt - flow.usedPt < row * 0.6) flush = n;
  }
  if (!flush) throw new Error('no list length ends flush with the foot');
  delete files.probe;
  for (const f of ['content/probe.md', 'content/probe-list.md', 'data/probe.csv']) rmSync(join(dir, f));
  write('list-flush', flush, false);
  write('list-flush-imprint', flush, true);
  write('list-shorter-imprint', flush - 1, true);

  // Plans: contents of two pages (the example's depth) and of one (depth 1, a project template).
  const plan = readFileSync(join(ROOT, 'content/2021-zhuzhou-cluster-plan.md'), 'utf8');
  writeFileSync(join(dir, 'content/plan-toc2.md'), plan);
  files['plan-toc2'] = 'content/plan-toc2.md';
  mkdirSync(join(dir, 'templates/plan'), { recursive: true });
  // depth comes from the template: a project whose contents list only the chapters.
  const toc = readFileSync(join(ROOT, 'templates/plan/toc.hbs'), 'utf8').replace('depth: {{json tocDepth}}', 'depth: 1');
  const planDir = join(dir, 'toc1');
  mkdirSync(join(planDir, 'templates/plan'), { recursive: true });
  mkdirSync(join(planDir, 'content'), { recursive: true });
  writeFileSync(join(planDir, 'templates/plan/toc.hbs'), toc);
  writeFileSync(join(planDir, 'content/plan-toc1.md'), plan);
  files['plan-toc1'] = 'toc1/content/plan-toc1.md';
  files['landscape-list'] = 'content/2021-45-clusters.md';
  return files;
}
