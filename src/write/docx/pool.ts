// A small pool of worker threads that run renderDocxSync, so that DOCX work of a batch spreads
// over the cores while the main thread lays out and draws the PDF. The bytes are the same as in-process:
// the worker runs the very same function on a structured clone of the model (plain data).
//
// Size: GONGWEN_DOCX_WORKERS if set, else the argument, else availableParallelism() − 1, at
// least 1. Workers start on demand, are unref'd while idle (a forgotten close() does not keep
// the process alive), and a worker that dies (out of memory, killed) fails only the job it
// had: a fresh worker takes its place for the rest of the queue.

import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../util/spawn-worker.js';
import { availableParallelism } from 'node:os';
import type { DocumentModel } from '../../model/types.js';
import type { DocxOptions } from './index.js';

/** Message to a worker. */
export interface PoolRequest {
  id: number;
  model: DocumentModel;
  opts: DocxOptions;
}

/** Message from a worker: the DOCX bytes' buffer (transferred) or the error the render threw. */
export interface PoolResponse {
  id: number;
  buffer?: ArrayBuffer;
  error?: { message: string; stack?: string };
}

export interface DocxPoolOptions {
  /**
   * Heap limit of each worker in MB (V8 old generation). A model that needs more kills only
   * its worker: the job is rejected and the worker replaced. Default: Node's own limit.
   */
  maxHeapMb?: number;
}

interface Job {
  id: number;
  model: DocumentModel;
  opts: DocxOptions;
  resolve: (bytes: Uint8Array) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  /** Set once the worker has exited or was told to. */
  gone: boolean;
}

const WORKER_URL = new URL('./pool-worker.js', import.meta.url);

/** The pool size: the env override, else the wish, else all cores but one; at least 1. */
export function docxPoolSize(wish?: number): number {
  const env = Number(process.env.GONGWEN_DOCX_WORKERS);
  if (Number.isInteger(env) && env >= 1) return env;
  if (wish !== undefined && Number.isFinite(wish)) return Math.max(1, Math.floor(wish));
  return Math.max(1, availableParallelism() - 1);
}

export class DocxPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closing = false;
  private drained?: () => void;

  private constructor(
    readonly size: number,
    private readonly options: DocxPoolOptions,
  ) {}

  static create(size?: number, options: DocxPoolOptions = {}): DocxPool {
    return new DocxPool(docxPoolSize(size), options);
  }

  /**
   * Renders in a worker; resolves with exactly the bytes renderDocxSync gives. The model is
   * copied (structured clone) when a worker takes the job, not when it is queued: do not
   * change it until the promise settles.
   */
  render(model: DocumentModel, opts: DocxOptions = {}): Promise<Uint8Array> {
    if (this.closing) return Promise.reject(new Error('DocxPool is closed'));
    return new Promise<Uint8Array>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, model, opts, resolve, reject });
      this.pump();
    });
  }

  /** Jobs queued or running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  /** Waits for the jobs already given, then ends every worker. New renders are refused. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.pending > 0) await new Promise<void>((r) => (this.drained = r));
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map((s) => {
        s.gone = true;
        return s.worker.terminate().catch(() => 0);
      }),
    );
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job && !s.gone);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      try {
        slot.worker.postMessage({ id: job.id, model: job.model, opts: job.opts } satisfies PoolRequest);
      } catch (err) {
        // The model cannot be cloned (not plain data): that job fails, the worker stays.
        slot.job = undefined;
        slot.worker.unref();
        job.reject(err as Error);
      }
    }
    this.checkDrained();
  }

  private spawn(): Slot {
    const resourceLimits = this.options.maxHeapMb ? { maxOldGenerationSizeMb: this.options.maxHeapMb } : undefined;
    const worker = spawnWorker(WORKER_URL, { resourceLimits });
    const slot: Slot = { worker, gone: false };
    this.slots.push(slot);
    worker.unref();
    worker.on('message', (res: PoolResponse) => {
      const job = slot.job;
      if (!job || job.id !== res.id) return;
      slot.job = undefined;
      worker.unref();
      if (res.buffer) job.resolve(new Uint8Array(res.buffer));
      else job.reject(Object.assign(new Error(res.error?.message ?? 'DOCX render failed'), { stack: res.error?.stack }));
      this.pump();
    });
    let crash: Error | undefined;
    worker.on('error', (err) => (crash = err));
    worker.on('exit', (code) => {
      const wasGone = slot.gone;
      slot.gone = true;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      const job = slot.job;
      slot.job = undefined;
      if (job) job.reject(new Error(`DOCX worker died (${crash?.message ?? `exit code ${code}`})`));
      // A replacement is spawned on demand by pump() for whatever is still queued.
      if (!wasGone || job) this.pump();
    });
    return slot;
  }

  private checkDrained(): void {
    if (this.drained && this.pending === 0) {
      const d = this.drained;
      this.drained = undefined;
      d();
    }
  }
}
