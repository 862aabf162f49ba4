// A batch's whole pipeline in worker threads, one chunk at a time per worker: compile, layout,
// PDF and DOCX of a document all run in the thread that took its chunk, and the main thread is
// a lane like them. Before, the main thread compiled, laid out and drew every PDF while one
// DOCX worker waited 70 % of the time (a warm batch of the seed notice: 47 ms a document on the
// main thread, 12 ms in the DOCX worker). Each worker loads its own font book and modules
// (about 0.4 s of a core and 50 MB): a batch takes workers only when it has enough documents to
// pay for them and a core to spare (batchWorkerCount), and `gongwen build` of one document
// never does.

import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../util/spawn-worker.js';
import { availableParallelism } from 'node:os';
import type { BatchJob, ChunkSetting, JobOutcome } from './batch-chunk.js';
import type { BuilderOptions } from './build.js';

export interface WorkerSetup {
  setting: ChunkSetting;
  builder: Pick<BuilderOptions, 'projectDir' | 'outDir' | 'formats' | 'pdfStandard'>;
}

export interface ChunkRequest {
  id: number;
  jobs: BatchJob[];
  /** The last run's hashes of these jobs' outputs, by name. */
  cache: Record<string, string>;
}

export interface ChunkResponse {
  id: number;
  outcomes?: JobOutcome[];
  error?: { message: string; stack?: string };
}

/**
 * Documents a worker must have to pay for its start: a warm document costs 30–50 ms, a worker's
 * start (modules, font book) 0.3–0.5 s of a core.
 */
export const DOCUMENTS_PER_WORKER = 24;

/**
 * Worker threads for a batch of `jobs` documents, beside the main thread's own lane: one fewer
 * than `concurrency` and the cores allow; 0 when starting one does not pay. A worker lane's
 * isolate compiles and collects for itself (V8's background threads took 12 ms a document
 * beside the main thread's 20): 13 % more CPU and 70 MB more at the peak, for 10 % more
 * documents a second on 2 cores when the machine is otherwise idle (1,000 seed notices, paired:
 * 56.9 and 56.7 docs/s against 51.0 and 51.8 with the main thread and a DOCX pool). Under
 * other load it gained nothing (paired, 300 notices, load 6–9: 28.0 and 19.3 against 31.5 and
 * 20.9 docs/s); `--jobs 1` keeps a batch on the main thread.
 */
export function batchWorkerCount(jobs: number, concurrency: number, cores = availableParallelism()): number {
  return Math.max(0, Math.min(concurrency, cores, Math.floor(jobs / DOCUMENTS_PER_WORKER)) - 1);
}

const WORKER_URL = new URL('./batch-worker.js', import.meta.url);

/** One worker thread that builds chunks, one at a time; a dead worker is replaced for the next chunk. */
export class BatchWorker {
  private worker?: Worker;
  private nextId = 1;
  private pending?: { id: number; resolve: (o: JobOutcome[]) => void; reject: (e: Error) => void };

  constructor(private readonly setup: WorkerSetup) {}

  /** Starts the worker now (its modules and font book load while the main thread plans). */
  start(): void {
    this.worker ??= this.spawn();
  }

  run(jobs: BatchJob[], cache: Record<string, string>): Promise<JobOutcome[]> {
    const worker = (this.worker ??= this.spawn());
    return new Promise<JobOutcome[]>((resolve, reject) => {
      const id = this.nextId++;
      this.pending = { id, resolve, reject };
      worker.ref();
      worker.postMessage({ id, jobs, cache } satisfies ChunkRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate().catch(() => 0);
  }

  private spawn(): Worker {
    const worker = spawnWorker(WORKER_URL, { workerData: this.setup });
    worker.unref();
    worker.on('message', (res: ChunkResponse) => {
      const p = this.pending;
      if (!p || p.id !== res.id) return;
      this.pending = undefined;
      worker.unref();
      if (res.outcomes) p.resolve(res.outcomes);
      else p.reject(Object.assign(new Error(res.error?.message ?? 'batch worker failed'), { stack: res.error?.stack }));
    });
    let crash: Error | undefined;
    worker.on('error', (err) => (crash = err));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(new Error(`the batch worker stopped (${crash?.message ?? `exit code ${code}`})`));
    });
    return worker;
  }
}
