// gongwen batch — wired in src/build/batch.ts.
import { UsageError } from './main.js';

export async function runBatchCommand(_argv: string[]): Promise<number> {
  throw new UsageError('batch is not available yet');
}
