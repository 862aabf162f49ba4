// Progress on long work: a live line on a terminal (done/total, rate, ETA), plain lines
// otherwise (CI logs), nothing with --quiet or for a single document.

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
    const failed = this.failedCount ? `, ${this.failedCount} failed` : '';
    return `${bar} ${this.doneCount}/${this.total}${failed}  ${rate.toFixed(1)}/s  ETA ${eta.toFixed(0)} s${current ? `  ${current}` : ''}`;
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
      this.stream.write(`progress: ${this.line()}\n`);
    }
  }

  finish(): void {
    if (this.live) this.stream.write('\r\x1b[K');
  }
}
