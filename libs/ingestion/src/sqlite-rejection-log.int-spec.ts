import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_KEPT_PAYLOAD_CHARS } from './rejection-log';
import { SqliteRejectionLog } from './sqlite-rejection-log';

const entry = (i: number) => ({
  outcome: 'invalid' as const, code: 'invalid', reason: `broken ${i}`, payload: `{"n":${i}}`,
  origin: { transport: 'http' as const }, receivedAt: '2026-11-28T00:00:00.000Z',
});

describe('SqliteRejectionLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-rejections-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Golden: the key a redelivery is recognised by is stored; a new form would keep every message
  // already in the log once more when it is delivered again.
  it('stores the dedupe key of an entry as sha256 of outcome, code and the full payload (golden)', async () => {
    const file = join(dir, 'golden.sqlite');
    const log = SqliteRejectionLog.open(file);
    await log.record({ ...entry(0), payload: '{"messageId":"lms-1","oops"' });
    log.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT dedupe_key FROM rejections').all()).toEqual([{ dedupe_key: '6d6c7115bb3bbe3b8cb31e8434039c7725163d1e88fe97bcdee6b55dd71962ec' }]);
    } finally {
      db.close();
    }
  });

  it('commits records arriving together in one transaction, and keeps each message once', async () => {
    const log = SqliteRejectionLog.open(join(dir, 'a.sqlite'));
    await Promise.all(Array.from({ length: 100 }, (_, i) => log.record(entry(i % 50))));
    expect(log.commits).toBe(1);
    expect(log.list({ limit: 1000 })).toHaveLength(50);
    log.close();
  });

  it('is durable across reopening, and pages by id', async () => {
    const file = join(dir, 'b.sqlite');
    const first = SqliteRejectionLog.open(file);
    for (let i = 0; i < 5; i++) await first.record(entry(i));
    first.close();
    const again = SqliteRejectionLog.open(file);
    const page = again.list({ limit: 2 });
    expect(page.map((r) => r.reason)).toEqual(['broken 0', 'broken 1']);
    expect(again.list({ after: page[1]!.id, limit: 10 }).map((r) => r.reason)).toEqual(['broken 2', 'broken 3', 'broken 4']);
    again.close();
  });

  it('keeps a huge payload truncated with a marker, and never merges two that differ past the cut', async () => {
    const log = SqliteRejectionLog.open(':memory:');
    const huge = (end: string) => ({ ...entry(0), payload: `{"source":"${'x'.repeat(MAX_KEPT_PAYLOAD_CHARS * 2)}${end}"}` });
    await log.record(huge('a'));
    await log.record(huge('b'));
    await log.record(huge('a'));
    const kept = log.list({ limit: 10 });
    expect(kept).toHaveLength(2);
    const length = huge('a').payload.length;
    for (const { payload } of kept) {
      expect(payload.startsWith(huge('a').payload.slice(0, MAX_KEPT_PAYLOAD_CHARS))).toBe(true);
      expect(payload.endsWith(`…[truncated: ${length} characters received, the first ${MAX_KEPT_PAYLOAD_CHARS} kept]`)).toBe(true);
    }
    log.close();
  });
});
