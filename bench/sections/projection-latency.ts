import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_CATALOG, partnerStreamId } from '@partner-program/domain';
import { SqliteEventStore } from '@partner-program/event-store';
import { PartnerProjector, ReadModelDatabase } from '@partner-program/read-models';
import type { Envelope } from '../../scripts/programme-generator';
import { percentile } from '../support';

/**
 * Append → read model visible, in one process (`npm start`: API and projector together): each
 * sample appends one event to the store on disk and times until the running projector's
 * checkpoint covers it. Samples are spaced by a random 0–60 ms, so none keeps step with a poll.
 */
export async function appendToVisible(messages: readonly Envelope[]): Promise<{ p50: number; p90: number; samples: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-latency-'));
  const store = SqliteEventStore.open({ location: dir });
  const db = ReadModelDatabase.open({ location: dir });
  const projector = new PartnerProjector({ store, db, catalog: DEFAULT_CATALOG });
  const stop = new AbortController();
  const running = projector.run(stop.signal);
  const latencies: number[] = [];
  try {
    for (const m of messages) {
      await sleep(Math.random() * 60);
      const started = performance.now();
      const event = { type: m.type, data: m.data, metadata: { messageId: m.messageId, source: m.source, occurredAt: m.occurredAt } };
      const { position } = await store.append(partnerStreamId(m.partnerId), [event], { expectedRevision: 'any' });
      while ((await projector.checkpoint()) < position) await yieldToEventLoop();
      latencies.push(performance.now() - started);
    }
  } finally {
    stop.abort();
    await running;
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { p50: percentile(latencies, 50), p90: percentile(latencies, 90), samples: latencies.length };
}
