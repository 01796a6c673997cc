import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRejectionLog } from './sqlite-rejection-log';

const entry = (i: number) => ({
  outcome: 'invalid' as const, code: 'invalid', reason: `broken ${i}`, payload: `{"n":${i}}`,
  origin: { transport: 'http' as const }, receivedAt: '2026-11-28T00:00:00.000Z',
});

describe('SqliteRejectionLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-rejections-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
});
