// gongwen preview FILE and gongwen build --watch: the command-line glue around src/preview.
// Both run until SIGINT (Ctrl-C) or SIGTERM, then close what they opened and exit 0. Neither
// starts another program nor writes a temporary file: a killed preview leaves nothing behind.

import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { lang, m } from './messages.js';
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
  const t = m();
  withCommonOptions(
    program
      .command('preview')
      .summary(t.previewSummary)
      .description(t.previewDescription)
      .argument('<file>', t.previewFileArgument)
      .option('--port <n>', t.portOption),
  )
    .addHelpText('after', t.previewExamples)
    .action(runs(runPreviewCommand));
}

async function runPreviewCommand(file: string, opts: CommonOptions & { port?: string }): Promise<number> {
  const t = m();
  const stopped = stopSignal();
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(t.badPort(opts.port));
  const projectDir = opts.project !== undefined ? givenProject(opts.project) : findProjectRoot(file);
  const { expandInputs } = await import('../pipeline/inputs.js');
  const { watchProject } = await import('../preview/watch.js');
  const positionals = [file];
  const { files, missing } = await expandInputs(positionals, projectDir);
  if (missing.length) throw new UsageError(t.previewNoSuchFile(positionals[0]));
  if (files.length !== 1 || !files[0].endsWith('.md')) throw new UsageError(t.previewNotContent(positionals[0]));
  const { PreviewSession } = await import('../preview/session.js');
  const { servePreview } = await import('../preview/server.js');
  const session = await PreviewSession.open(files[0], projectDir);
  let server;
  try {
    server = await servePreview(session, port, lang());
  } catch (err) {
    await session.close();
    if ((err as { code?: string }).code === 'EADDRINUSE') throw new UsageError(t.portInUse(port));
    throw err;
  }
  const { defaultOutDir } = await import('../pipeline/build.js');
  const watcher = watchProject(projectDir, [defaultOutDir(projectDir)], () => void session.rebuild());
  process.stderr.write(`${t.previewServing(relative(process.cwd(), files[0]), server.url)}\n`);
  session.onUpdate((s) => {
    if (s.building) return;
    process.stderr.write(`${t.previewBuild(s.build, s.ok ? s.pages.length : undefined, s.errors, s.warnings, s.ms)}\n`);
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
  const t = m();
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
    process.stderr.write(`${t.watchConfigErrors}\n`);
    return 1;
  }

  const buildAll = async (only?: Set<string>) => {
    const { files, missing } = await expandInputs(positionals, projectDir);
    for (const f of missing) process.stderr.write(`${t.watchMissing(f)}\n`);
    for (const f of files) {
      if (only && sources.has(f) && !sources.get(f)!.some((s) => only.has(s))) continue;
      const started = performance.now();
      const r = await builder.build({ path: f });
      if (r.sources.length) sources.set(f, [f, ...r.sources.map((s) => s.absPath)]);
      print(r.diagnostics, quiet);
      const ms = Math.round(performance.now() - started);
      const name = relative(process.cwd(), f);
      if (r.ok) process.stderr.write(`${t.watchBuilt(t.list(r.outputs.map((o) => relative(process.cwd(), o))), r.pages, ms)}\n`);
      else process.stderr.write(`${t.watchNotBuilt(name)}\n`);
    }
  };

  let queue = Promise.resolve();
  const watcher = watchProject(projectDir, [outDir], (paths) => {
    const known = [...sources.values()].some((list) => list.some((s) => paths.includes(s)));
    queue = queue.then(() => buildAll(known ? new Set(paths) : undefined));
  });
  await buildAll();
  await watcher.ready;
  process.stderr.write(`${t.watching(relative(process.cwd(), projectDir) || '.')}\n`);
  await stopped;
  await watcher.close();
  await queue;
  await builder.close();
  return 0;
}
