import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRejectionLog } from './sqlite-rejection-log';
import { describeRejectionLogContract } from './testing/rejection-log.contract';

describeRejectionLogContract('SqliteRejectionLog', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-rejections-'));
  return {
    open: async () => SqliteRejectionLog.open(join(dir, 'rejections.sqlite')),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
