// Progress on long work: a live line on a terminal (done/total, rate, ETA), plain lines
// otherwise (CI logs), nothing with --quiet or for a single document. finish() clears the live
// line, so the summary after it starts on a clean line (it read "ETA 0 s3 of 3 documents built").

import { m } from './messages.js';

export class Progress {
  private doneCount = 0;
  private failedCount = 0;
  private readonly started = Date.now();
  private readonly live: boolean;

  constructor(
    readonly total: number,
    readonly quiet: boolean,
    readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.live = !quiet && total > 1 && !!stream.isTTY;
  }

  private line(current?: string): string {
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = this.doneCount / Math.max(elapsed, 0.001);
    const eta = rate > 0 ? (this.total - this.doneCount) / rate : 0;
    const width = 24;
    const filled = Math.round((this.doneCount / Math.max(this.total, 1)) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const failed = this.failedCount ? m().progressFailed(this.failedCount) : '';
    return `${bar} ${this.doneCount}/${this.total}${failed}  ${rate.toFixed(1)}/s  ${m().progressEta(eta.toFixed(0))}${current ? `  ${current}` : ''}`;
  }

  start(current: string): void {
    if (this.live) this.stream.write(`\r\x1b[K${this.line(current)}`);
  }

  clear(): void {
    if (this.live) this.stream.write('\r\x1b[K');
  }

  done(ok: boolean): void {
    this.doneCount++;
    if (!ok) this.failedCount++;
    if (this.live) this.stream.write(`\r\x1b[K${this.line()}`);
    else if (!this.quiet && this.total > 1 && this.doneCount % Math.max(1, Math.floor(this.total / 20)) === 0) {
      this.stream.write(`${m().progressPrefix}${this.line()}\n`);
    }
  }

  finish(): void {
    if (this.live) this.stream.write('\r\x1b[K');
  }
}
