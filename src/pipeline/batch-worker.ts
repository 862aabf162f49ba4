// Worker side of BatchWorkers: a batch's chunks compiled, laid out and drawn (PDF, OFD and
// DOCX) in this thread with a Builder of its own — the same buildChunk as on the main thread,
// so the same bytes. The font book and the memos stay warm from chunk to chunk.

import { parentPort, workerData } from 'node:worker_threads';
import { Builder } from './build.js';
import { readSource } from '../source/read.js';
import { SharedReads } from '../kinds/shared-reads.js';
import { buildChunk, type JobOutcome } from './batch-chunk.js';
import type { ChunkRequest, ChunkResponse, WorkerSetup } from './batch-workers.js';

const port = parentPort;
if (!port) throw new Error('batch-worker.js runs inside a worker thread');
const setup = workerData as WorkerSetup;
const builder = new Builder({ ...setup.builder, docxWorkers: undefined, memoize: true });
const reads = new SharedReads();
builder.warm();
const source = readSource(setup.setting.file, setup.setting.projectDir);
source.catch(() => undefined); // said when a chunk needs it

/** A result as it crosses to the main thread: what the batch reports, without the bytes and pages (already written). */
function slim(o: JobOutcome): JobOutcome {
  if (o.status !== 'rendered') return o;
  const { files: _files, paged: _paged, sources: _sources, ...rest } = o.result;
  return { ...o, result: { ...rest, sources: [] } };
}

port.on('message', async (req: ChunkRequest) => {
  let res: ChunkResponse;
  try {
    const outcomes = await buildChunk(setup.setting, { builder, source: await source, reads }, req.jobs, req.cache);
    res = { id: req.id, outcomes: outcomes.map(slim) };
  } catch (err) {
    const e = err as Error;
    res = { id: req.id, error: { message: e?.message ?? String(err), stack: e?.stack } };
  }
  port.postMessage(res);
});
