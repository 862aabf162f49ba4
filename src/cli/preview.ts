// gongwen preview FILE and gongwen build --watch: the command-line glue around src/preview.
// Both run until SIGTERM (then close Chromium and exit 0) or Ctrl-C (puppeteer's SIGINT
// handler kills Chromium and exits 130, the shell's code for an interrupted command).

import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { expandInputs } from '../build/inputs.js';
import { configDiagnostics } from '../build/check.js';
import { parseFormats } from './main.js';
import { projectFolder, UsageError } from './project.js';
import { watchProject } from '../preview/watch.js';

const print = (diags: Diagnostic[], quiet = false) => {
  for (const d of diags) if (!quiet || d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
};

/** Resolves on the first SIGINT or SIGTERM. */
const stopSignal = () =>
  new Promise<void>((res) => {
    process.once('SIGINT', () => res());
    process.once('SIGTERM', () => res());
  });

export async function runPreviewCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, project: { type: 'string', short: 'p' } },
  });
  if (positionals.length !== 1) throw new UsageError('preview takes one content file');
  const stopped = stopSignal();
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number 0–65535 (not "${values.port}")`);
  const projectDir = projectFolder(values.project);
  const { files, missing } = await expandInputs(positionals, projectDir);
  if (missing.length) throw new UsageError(`preview: no such file ${positionals[0]}`);
  if (files.length !== 1 || !files[0].endsWith('.md')) throw new UsageError(`preview: ${positionals[0]} is not a content file (a .md file)`);
  const { PreviewSession } = await import('../preview/session.js');
  const { servePreview } = await import('../preview/server.js');
  const session = await PreviewSession.open(files[0], projectDir);
  let server;
  try {
    server = await servePreview(session, port);
  } catch (err) {
    await session.close();
    if ((err as { code?: string }).code === 'EADDRINUSE') throw new UsageError(`--port ${port} is in use: give another, or leave --port out for a free one`);
    throw err;
  }
  const { defaultOutDir } = await import('../build/build.js');
  const watcher = watchProject(projectDir, [defaultOutDir(projectDir)], () => void session.rebuild());
  process.stderr.write(`preview of ${relative(process.cwd(), files[0])}: ${server.url}  (Ctrl-C to stop)\n`);
  session.onUpdate((s) => {
    if (s.building) return;
    const how = s.ok ? `${s.pages.length} pages` : 'not built (the page keeps the last good pages)';
    process.stderr.write(`build ${s.build}: ${how}, ${s.errors} errors, ${s.warnings} warnings, ${s.ms} ms\n`);
  });
  await session.rebuild();
  await watcher.ready;
  await stopped;
  await watcher.close();
  await server.close();
  await session.close();
  return 0;
}

/**
 * build --watch: builds like `build`, then again on each save — only the documents that read
 * the saved file, or all of them when it is something else of the project (a template, data,
 * gongwen.yaml, a font).
 */
export async function runBuildWatch(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      project: { type: 'string', short: 'p' },
      quiet: { type: 'boolean', short: 'q' },
      watch: { type: 'boolean', short: 'w' },
    },
  });
  if (positionals.length === 0) throw new UsageError('build needs at least one content file or folder');
  const formats = parseFormats(values.format);
  const projectDir = projectFolder(values.project);
  const stopped = stopSignal();
  const quiet = values.quiet ?? false;
  const { Builder, defaultOutDir } = await import('../build/build.js');
  const outDir = resolve(values.out ?? defaultOutDir(projectDir));
  const builder = new Builder({ projectDir, outDir, formats });
  builder.warm();
  const sources = new Map<string, string[]>();
  const configDiags = await configDiagnostics(projectDir);
  print(configDiags);
  if (hasErrors(configDiags)) {
    await builder.close();
    process.stderr.write('gongwen.yaml has errors: nothing built\n');
    return 1;
  }

  const buildAll = async (only?: Set<string>) => {
    const { files, missing } = await expandInputs(positionals, projectDir);
    for (const m of missing) process.stderr.write(`${m} error read: no such file or folder\n`);
    for (const f of files) {
      if (only && sources.has(f) && !sources.get(f)!.some((s) => only.has(s))) continue;
      const started = performance.now();
      const r = await builder.build({ path: f });
      if (r.sources.length) sources.set(f, [f, ...r.sources.map((s) => s.absPath)]);
      print(r.diagnostics, quiet);
      const ms = Math.round(performance.now() - started);
      const name = relative(process.cwd(), f);
      if (r.ok) process.stderr.write(`built ${r.outputs.map((o) => relative(process.cwd(), o)).join(', ')}${r.pages ? ` (${r.pages} pages)` : ''} in ${ms} ms\n`);
      else process.stderr.write(`${name}: not built (errors above); the last good outputs stay\n`);
    }
  };

  let queue = Promise.resolve();
  const watcher = watchProject(projectDir, [outDir], (paths) => {
    const known = [...sources.values()].some((list) => list.some((s) => paths.includes(s)));
    queue = queue.then(() => buildAll(known ? new Set(paths) : undefined));
  });
  await buildAll();
  await watcher.ready;
  process.stderr.write(`watching ${relative(process.cwd(), projectDir) || '.'} for saves (Ctrl-C to stop)\n`);
  await stopped;
  await watcher.close();
  await queue;
  await builder.close();
  return 0;
}
