import {
  DEFAULT_CATALOG,
  type PartnerCommand,
  type PartnerEvent,
  type RulesetCatalog,
  TIER_RISK_NOTICE_DEFAULT_DAYS,
  type UpstreamEvent,
  decide,
  evolveInPlace,
  fromRecorded,
  initialState,
  partnerStreamId,
} from '@partner-program/domain';
import { type EventStore, SqliteEventStore } from '@partner-program/event-store';
import { PartnerProjector, type PartnerProjectorOptions } from '../projection/partner-projector';
import { ReadModelDatabase } from '../read-model-database';
import type { ReadModelBackend } from '../storage/read-model-storage';

// ── A real SQLite event store and read-model database in memory, written as ingestion would:
// fold the stream, let the domain decide, append with the expected revision ──────────────────

/** A read-model database under test (SQLite in memory unless a test gives another). */
export type TestReadModels = ReadModelBackend & { close(): void | Promise<void> };

export type FixtureOptions<D extends TestReadModels> = { pageSize?: number; catalog?: RulesetCatalog; now?: string; store?: EventStore; database?: D };

export function readModelFixture<D extends TestReadModels = ReadModelDatabase>(options: FixtureOptions<D> = {}) {
  const store = options.store ?? SqliteEventStore.open({ location: ':memory:' });
  const database = options.database ?? (ReadModelDatabase.open({ location: ':memory:' }) as unknown as D);
  let now = new Date(options.now ?? '2021-06-01T00:00:00Z');
  const clock = () => now;
  const projectorWith = (overrides: Partial<PartnerProjectorOptions> = {}) =>
    new PartnerProjector({ store, db: database, catalog: options.catalog ?? DEFAULT_CATALOG, clock, pageSize: options.pageSize ?? 500, ...overrides });
  const projector = projectorWith();

  /** Decides and appends; a refusal throws, unless `refusals` is 'store': then its record is appended, as ingestion does. */
  async function execute(partnerId: string, command: PartnerCommand, refusals: 'throw' | 'store' = 'throw'): Promise<PartnerEvent[]> {
    const streamId = partnerStreamId(partnerId);
    const state = initialState();
    for await (const event of store.readStream(streamId)) evolveInPlace(state, fromRecorded(event));
    const decision = decide(command, state, options.catalog ?? DEFAULT_CATALOG);
    if (decision.kind === 'rejected' && refusals === 'throw') throw new Error(`${decision.code}: ${decision.reason}`);
    if (decision.kind === 'duplicate' || decision.events.length === 0) return [];
    const events = decision.events.map((event) => ({ type: event.type, data: { ...event.data }, metadata: { ...event.meta } }));
    await store.append(streamId, events, { expectedRevision: state.version === 0 ? 'no_stream' : state.version - 1 });
    return decision.events;
  }

  return {
    store,
    database,
    projector,
    projectorWith,
    queries: database.queries(),
    setNow: (iso: string) => (now = new Date(iso)),
    /** Records upstream facts for a partner, one message at a time. */
    async record(partnerId: string, ...facts: UpstreamEvent[]): Promise<void> {
      for (const fact of facts) await execute(partnerId, { type: 'RecordFact', partnerId, fact });
    },
    /** Sends a fact the domain refuses: only its refusal is stored, in the partner's stream. */
    async refused(partnerId: string, fact: UpstreamEvent): Promise<void> {
      const events = await execute(partnerId, { type: 'RecordFact', partnerId, fact }, 'store');
      if (events.some((event) => event.type !== 'MessageRejected')) throw new Error(`${fact.type} was accepted, not refused`);
    },
    issueDue: (partnerId: string) => execute(partnerId, { type: 'IssueDueRenewalNotice', partnerId, now: now.toISOString() }),
    acknowledge: (partnerId: string, noticeId: string) => execute(partnerId, { type: 'AcknowledgeRenewalNotice', partnerId, noticeId, now: now.toISOString() }),
    reviewTierRisk: (partnerId: string) =>
      execute(partnerId, {
        type: 'ReviewTierRiskNotices',
        partnerId,
        now: now.toISOString(),
        leadDays: TIER_RISK_NOTICE_DEFAULT_DAYS,
        catalog: options.catalog ?? DEFAULT_CATALOG,
      }),
    async close(): Promise<void> {
      await store.close();
      await database.close();
    },
  };
}

export type ReadModelFixture<D extends TestReadModels = ReadModelDatabase> = ReturnType<typeof readModelFixture<D>>;
