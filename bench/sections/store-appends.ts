import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppendOptions, type NewEvent, SqliteEventStore, type SqliteEventStoreOptions } from '@partner-program/event-store';
import type { Envelope } from '../../scripts/programme-generator';

const toNew = (m: Envelope): NewEvent => ({ type: m.type, data: m.data, metadata: { messageId: m.messageId, source: m.source, occurredAt: m.occurredAt } });

/** What is measured of a store: the port's append (a peer's store is measured through the same call). */
export type BenchAppender = { append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<unknown> };

/** A store under measurement with its transaction count, and how to dispose of it. */
export type BenchStore = Readonly<{ store: BenchAppender; transactions: () => number; dispose: () => Promise<void> }>;

/** A fresh SQLite store in a temp dir (the default store of every figure). */
export async function sqliteBenchStore(options: Partial<SqliteEventStoreOptions> = {}): Promise<BenchStore> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-store-'));
  const store = SqliteEventStore.open({ ...options, location: dir });
  return {
    store,
    transactions: () => store.metrics.transactions,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withStore<T>(open: () => Promise<BenchStore>, work: (store: BenchAppender, transactions: () => number) => Promise<T>): Promise<T> {
  const bench = await open();
  try {
    return await work(bench.store, bench.transactions);
  } finally {
    await bench.dispose();
  }
}

/** Single-event appends from 64 concurrent callers, each on its own stream with exact revisions (group commit). */
export function singleAppends64(messages: readonly Envelope[], open = sqliteBenchStore): Promise<{ eventsPerSecond: number; eventsPerTransaction: number }> {
  return withStore(open, async (store, transactions) => {
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
    return { eventsPerSecond: messages.length / seconds, eventsPerTransaction: messages.length / transactions() };
  });
}

/** 100-event appends, one caller, each batch to one partner stream. */
export function batchAppends100(messages: readonly Envelope[], open = sqliteBenchStore): Promise<number> {
  return withStore(open, async (store) => {
    const started = performance.now();
    for (let i = 0, batch = 0; i < messages.length; i += 100, batch++) {
      await store.append(`partner-batch-${batch}`, messages.slice(i, i + 100).map(toNew), { expectedRevision: 'no_stream' });
    }
    return messages.length / ((performance.now() - started) / 1000);
  });
}
