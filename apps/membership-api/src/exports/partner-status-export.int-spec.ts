import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG, partnerStreamId } from '@partner-program/domain';
import { SqliteEventStore } from '@partner-program/event-store';
import { PartnerStatusExporter } from './partner-status-export';

// The exporter on a real SQLite store: rows are pulled, never computed ahead of the reader.

describe('PartnerStatusExporter', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-export-'));
    store = SqliteEventStore.open({ location: dir });
    for (let i = 0; i < 50; i++) {
      const metadata = { messageId: `m-${i}`, source: 'test', occurredAt: '2026-02-01T00:00:00Z' };
      await store.append(partnerStreamId(`P-${String(i).padStart(2, '0')}`), [{ type: 'DueDiligenceCompleted', data: { outcome: 'approved' }, metadata }], {
        expectedRevision: 'no_stream',
      });
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a partner only when its row is asked for, so a slow reader holds the export back', async () => {
    const reads = jest.spyOn(store, 'readStream');
    const { rows, partners, position } = await new PartnerStatusExporter(store, DEFAULT_CATALOG).start({
      asOf: Date.parse('2026-03-01T00:00:00Z'),
      knownAt: undefined,
      signal: new AbortController().signal,
    });
    expect([partners, position]).toEqual([50, 50n]);
    expect(reads).toHaveBeenCalledTimes(0);
    expect((await rows.next()).value).toMatchObject({ partnerId: 'P-00', position: 1 });
    expect((await rows.next()).value).toMatchObject({ partnerId: 'P-01', position: 2 });
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('stops at the next partner once its signal is aborted, with its reason', async () => {
    const stop = new AbortController();
    const { rows } = await new PartnerStatusExporter(store, DEFAULT_CATALOG).start({
      asOf: Date.parse('2026-03-01T00:00:00Z'),
      knownAt: undefined,
      signal: stop.signal,
    });
    await rows.next();
    stop.abort(new Error('client gone'));
    await expect(rows.next()).rejects.toThrow('client gone');
  });
});
