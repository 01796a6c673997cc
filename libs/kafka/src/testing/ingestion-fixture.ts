import { DEFAULT_CATALOG } from '@partner-program/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type StoredEvent, SqliteEventStore } from '@partner-program/event-store';
import { IngestionService, PartnerCommandHandler, RejectionLogProjector, SqliteRejectionLog, type StoredRejection } from '@partner-program/ingestion';

// ── The real write side for Kafka tests: SQLite store, rejection log, ingestion service ─────

/** One "process" worth of write side over files in `dir`; reopen the same dir to "restart". */
export type IngestionFixture = Readonly<{
  dir: string;
  store: SqliteEventStore;
  rejections: SqliteRejectionLog;
  service: IngestionService;
  handler: PartnerCommandHandler;
  /** The rejection log once the store's refusals are projected into it, as the projector process does. */
  listRejections(): Promise<StoredRejection[]>;
  close(): Promise<void>;
}>;

/** A fresh temporary directory (remove it with {@link removeDir}). */
export function tempDir(prefix = 'pp-kafka-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Opens the write side in `dir`; `wrap` may put a faulty decorator around the store. */
export function openIngestion(dir: string, wrap: (store: EventStore) => EventStore = (s) => s): IngestionFixture {
  const store = SqliteEventStore.open({ location: join(dir, 'store') });
  const rejections = SqliteRejectionLog.open(join(dir, 'rejections.sqlite'));
  const handler = new PartnerCommandHandler(wrap(store), DEFAULT_CATALOG);
  const service = new IngestionService({ handler, rejections, clock: () => new Date() });
  const close = async () => {
    await store.close();
    await rejections.close();
  };
  const listRejections = async () => {
    await new RejectionLogProjector(store, rejections).catchUp();
    return rejections.list({ limit: 100_000 });
  };
  return { dir, store, rejections, service, handler, listRejections, close };
}

/** Every event of the global log. */
export async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let from = 0n; ;) {
    const page = await store.readAll({ fromPosition: from, maxCount: 1000 });
    events.push(...page.events);
    if (page.isEnd || page.events.length === 0) return events;
    from = page.nextPosition;
  }
}

/** A store whose `append` throws for the first `failures` calls, like a busy or closed database. */
export function failingAppends(failures: number): { wrap: (store: EventStore) => EventStore; thrown: () => number } {
  let thrown = 0;
  const wrap = (store: EventStore): EventStore =>
    new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property === 'append') {
          return (...args: Parameters<EventStore['append']>) => {
            if (thrown < failures) {
              thrown += 1;
              return Promise.reject(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
            }
            return target.append(...args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return { wrap, thrown: () => thrown };
}

/** A store that takes `ms` longer per append, so a stop or an outage lands in the middle of a batch. */
export function slowAppends(ms: number): (store: EventStore) => EventStore {
  return (store) =>
    new Proxy(store, {
      get(target, property) {
        if (property !== 'append') return (Reflect.get(target, property) as (...a: unknown[]) => unknown).bind(target);
        return async (...args: Parameters<EventStore['append']>) => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          return target.append(...args);
        };
      },
    });
}
