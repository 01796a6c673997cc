import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export type ExportRun = Readonly<{ partners: number; position: number; ms: number; bytes: number; peakRssMiB: number }>;

/**
 * The programme-wide export of the store in `dir` (every partner's status at one date), in a child
 * process so that its peak RSS is the export's own: the route's code, written to a sink as fast as
 * it comes.
 */
export function exportInChild(dir: string, format: 'ndjson' | 'csv'): ExportRun {
  const output = execFileSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'export-child.ts'), dir, format], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as ExportRun;
}
