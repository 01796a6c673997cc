import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqliteSchema, SQLITE_MIGRATIONS } from '@partner-program/event-store';
import { itemsOfDownload, verifyHistoryChain } from '../src/partners/history-chain-verifier';
import { goodStandingEnvelopes, startTestApp } from './test-app';

// A DATA_DIR written by the version before the hash chain (event store schema v3, no hash column)
// is served by this version: the chain is computed on start, /history verifies, and new messages
// chain on to the old events.

describe('a store written before the hash chain, served by this version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-chain-upgrade-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gets its hashes on start, verifies offline and chains new events on', async () => {
    const old = new Database(join(dir, 'event-store.sqlite'));
    migrateSqliteSchema(old, SQLITE_MIGRATIONS.slice(0, 3));
    const insert = old.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)');
    goodStandingEnvelopes('P-OLD').forEach((e, revision) => {
      const metadata = { messageId: e.messageId, source: e.source, occurredAt: e.occurredAt, correlationId: 'old-request' };
      insert.run(revision + 1, 'partner-P-OLD', revision, e.type, JSON.stringify(e.data), JSON.stringify(metadata), e.messageId, '2026-02-01T10:00:05.000Z');
    });
    old.close();

    const t = await startTestApp({ dataDir: dir });
    try {
      const [later] = goodStandingEnvelopes('P-OLD')
        .slice(1, 2)
        .map((e) => ({ ...e, data: { ...e.data, learnerId: 'L-9' } }));
      await t.http.post('/v1/events').set(t.as('publisher')).send(later).expect(201);
      const { text } = await t.http.get('/v1/partners/P-OLD/history').set(t.as('auditor')).expect(200);
      const { body: head } = await t.http.get('/v1/partners/P-OLD/chain-head').set(t.as('auditor')).expect(200);
      const verdict = verifyHistoryChain(itemsOfDownload(text));
      expect(verdict).toEqual({ ok: true, events: 6, heads: [{ streamId: 'partner-P-OLD', revision: 5, hash: head.hash }] });
    } finally {
      await t.close();
    }
  });
});
