import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NewEvent, SqliteEventStore } from '@partner-program/event-store';
import type { Envelope } from '../../scripts/programme-generator';

const toNew = (m: Envelope): NewEvent => ({ type: m.type, data: m.data, metadata: { messageId: m.messageId, source: m.source, occurredAt: m.occurredAt } });

async function withStore<T>(work: (store: SqliteEventStore) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-store-'));
  const store = SqliteEventStore.open({ location: dir });
  try {
    return await work(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Single-event appends from 64 concurrent callers, each on its own stream with exact revisions (group commit). */
export function singleAppends64(messages: readonly Envelope[]): Promise<{ eventsPerSecond: number; eventsPerTransaction: number }> {
  return withStore(async (store) => {
    let next = 0;
    const caller = async (id: number) => {
      let revision = -1;
      while (next < messages.length) {
        const message = messages[next++]!;
        await store.append(`partner-bench-${id}`, [toNew(message)], { expectedRevision: revision < 0 ? 'no_stream' : revision });
        revision++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 64 }, (_, id) => caller(id)));
    const seconds = (performance.now() - started) / 1000;
    return { eventsPerSecond: messages.length / seconds, eventsPerTransaction: store.metrics.appends / store.metrics.transactions };
  });
}

/** 100-event appends, one caller, each batch to one partner stream. */
export function batchAppends100(messages: readonly Envelope[]): Promise<number> {
  return withStore(async (store) => {
    const started = performance.now();
    for (let i = 0, batch = 0; i < messages.length; i += 100, batch++) {
      await store.append(`partner-batch-${batch}`, messages.slice(i, i + 100).map(toNew), { expectedRevision: 'no_stream' });
    }
    return messages.length / ((performance.now() - started) / 1000);
  });
}
