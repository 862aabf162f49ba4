// gongwen preview FILE and gongwen build --watch: the command-line glue around src/preview.
// Both run until SIGINT (Ctrl-C) or SIGTERM, then close what they opened and exit 0. Neither
// starts another program nor writes a temporary file: a killed preview leaves nothing behind.

import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { DEFAULT_FORMATS, parseFormats, parsePdfStandard, runs, withCommonOptions, type CommonOptions } from './options.js';
import { findProjectRoot, givenProject, UsageError } from './project.js';

const print = (diags: Diagnostic[], quiet = false) => {
  for (const d of diags) if (!quiet || d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
};

/** Resolves on the first SIGINT or SIGTERM. */
const stopSignal = () =>
  new Promise<void>((res) => {
    process.once('SIGINT', () => res());
    process.once('SIGTERM', () => res());
  });

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('preview')
      .summary('a live page of the document as it prints, rebuilt on each save')
      .description(
        "A web page on 127.0.0.1 with the document's pages as they print, beside its diagnostics, redrawn on each save of the file, an annex, a data file, a picture or a template (only the pages that changed). /document.pdf and /document.ofd are the current PDF and OFD, /diagnostics.json the diagnostics as check --json gives them. Ctrl-C stops it.",
      )
      .argument('<file>', 'the content file (.md)')
      .option('--port <n>', 'the port to listen on (default: a free one, printed). e.g. --port 8080'),
  )
    .addHelpText(
      'after',
      `
Examples:
  gongwen preview content/2020-191.md              # prints http://127.0.0.1:PORT/
  gongwen preview 通知.md --port 8080`,
    )
    .action(runs(runPreviewCommand));
}

async function runPreviewCommand(file: string, opts: CommonOptions & { port?: string }): Promise<number> {
  const stopped = stopSignal();
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number 0–65535 (not "${opts.port}")`);
  const projectDir = opts.project !== undefined ? givenProject(opts.project) : findProjectRoot(file);
  const { expandInputs } = await import('../pipeline/inputs.js');
  const { watchProject } = await import('../preview/watch.js');
  const positionals = [file];
  const { files, missing } = await expandInputs(positionals, projectDir);
  if (missing.length) throw new UsageError(`preview: no such file ${positionals[0]}`);
  if (files.length !== 1 || !files[0].endsWith('.md')) throw new UsageError(`preview: ${positionals[0]} is not a content file (a .md file)`);
  const { PreviewSession } = await import('../preview/session.js');
  const { servePreview } = await import('../preview/server.js');
  const session = await PreviewSession.open(files[0], projectDir);
  let server;
  try {
    server = await servePreview(session, port, previewLang());
  } catch (err) {
    await session.close();
    if ((err as { code?: string }).code === 'EADDRINUSE') throw new UsageError(`--port ${port} is in use: give another, or leave --port out for a free one`);
    throw err;
  }
  const { defaultOutDir } = await import('../pipeline/build.js');
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
export async function runBuildWatch(positionals: string[], opts: CommonOptions & { format?: string; pdfStandard?: string; out?: string; blank?: boolean }): Promise<number> {
  const formats = parseFormats(opts.format);
  const projectDir = opts.project !== undefined ? givenProject(opts.project) : findProjectRoot(positionals[0]);
  const stopped = stopSignal();
  const quiet = opts.quiet ?? false;
  const [{ Builder, defaultOutDir }, { expandInputs }, { configDiagnostics }, { watchProject }] = await Promise.all([
    import('../pipeline/build.js'),
    import('../pipeline/inputs.js'),
    import('../pipeline/check.js'),
    import('../preview/watch.js'),
  ]);
  const outDir = resolve(opts.out ?? defaultOutDir(projectDir));
  const { readOutputSettings } = await import('../pipeline/output-settings.js');
  const { settings } = await readOutputSettings(projectDir);
  const builder = new Builder({ projectDir, outDir, formats: formats ?? settings.formats ?? [...DEFAULT_FORMATS], pdfStandard: parsePdfStandard(opts.pdfStandard) ?? settings.pdfStandard, blank: opts.blank ?? false });
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

/** The preview page's language: GONGWEN_LANG, else the locale's (Chinese unless it says otherwise). */
function previewLang(): 'zh' | 'en' {
  const given = process.env.GONGWEN_LANG ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? Intl.DateTimeFormat().resolvedOptions().locale;
  return /^(en|c|posix)\b/i.test(given ?? '') ? 'en' : 'zh';
}
