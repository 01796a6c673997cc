import Database from 'better-sqlite3';
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

describe('SqliteRejectionLog dedupe key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-rejections-golden-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Golden: the key a redelivery is recognised by is stored; a new form would keep every message
  // already in the log once more when it is delivered again.
  it('stores the dedupe key of an entry as sha256 of outcome, code and the full payload (golden)', async () => {
    const file = join(dir, 'golden.sqlite');
    const log = SqliteRejectionLog.open(file);
    await log.record({
      receivedAt: '2026-11-28T00:00:00.000Z',
      outcome: 'invalid',
      code: 'invalid',
      reason: 'broken 0',
      payload: '{"messageId":"lms-1","oops"',
      origin: { transport: 'http' },
    });
    await log.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT dedupe_key FROM rejections').all()).toEqual([
        { dedupe_key: '6d6c7115bb3bbe3b8cb31e8434039c7725163d1e88fe97bcdee6b55dd71962ec' },
      ]);
    } finally {
      db.close();
    }
  });
});
