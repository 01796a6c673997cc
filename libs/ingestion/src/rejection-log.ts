import type { FencingToken } from '@partner-program/event-store';

/** Where a message came from, so an operator can find it upstream. */
export type MessageOrigin = Readonly<{ transport: 'http'; requestId?: string } | { transport: 'kafka'; topic: string; partition: number; offset: string }>;

/** An invalid or rejected message, kept with its reason (docs/contract.md §1: never silently dropped). */
export type RejectionEntry = Readonly<{
  outcome: 'invalid' | 'rejected';
  /** `invalid` for broken rules, or the domain's rejection code. */
  code: string;
  reason: string;
  problems?: readonly { path: string; message: string }[];
  messageId?: string;
  partnerId?: string;
  type?: string;
  /** The publishing system (the envelope's `source`) when the message named a valid one. */
  source?: string;
  /** The message as received (its text; for a batch item, the item's own text). */
  payload: string;
  origin: MessageOrigin;
  receivedAt: string;
}>;

/** Kept payloads are cut here (a 1 MB body kept whole for every retry would fill the log). */
export const MAX_KEPT_PAYLOAD_CHARS = 64 * 1024;

/**
 * The payload as the log keeps it: whole up to the bound, else its start with an explicit marker
 * and the original length. Adapters de-duplicate on a hash of the FULL payload, never this.
 */
export function keptPayload(payload: string): string {
  if (payload.length <= MAX_KEPT_PAYLOAD_CHARS) return payload;
  // Not cutting a surrogate pair in two keeps the kept text valid UTF-16.
  const cut = /[\uD800-\uDBFF]/.test(payload[MAX_KEPT_PAYLOAD_CHARS - 1]!) ? MAX_KEPT_PAYLOAD_CHARS - 1 : MAX_KEPT_PAYLOAD_CHARS;
  return `${payload.slice(0, cut)}…[truncated: ${payload.length} characters received, the first ${cut} kept]`;
}

/** The outcomes a replay can have: those of any message (docs/contract.md §1). */
export type ReplayOutcome = 'appended' | 'duplicate' | 'invalid' | 'rejected';

/**
 * One replay of a kept message by an admin, for the audit trail: when, what came of it, and who
 * asked: the key's role and its non-secret name (`admin-2`: its place in API_KEYS), never the key.
 */
export type ReplayAttempt = Readonly<{
  at: string;
  outcome: ReplayOutcome;
  /** `invalid`, or the domain's rejection code. */
  code?: string;
  reason?: string;
  /** Where the message is stored (appended or duplicate). */
  position?: number;
  by: Readonly<{ role: string; keyId?: string }>;
  requestId: string;
}>;

/**
 * An entry as listed: its id in the log, for a refusal recorded in a stream the event's position,
 * and the replays made of it, oldest first (absent when never replayed).
 */
export type StoredRejection = RejectionEntry & Readonly<{ id: number; position?: number; replays?: readonly ReplayAttempt[] }>;

/** Which entries a bulk replay selects (each field: none means any). `receivedTo` is exclusive. */
export type RejectionFilter = Readonly<{ code?: string; type?: string; outcome?: RejectionEntry['outcome']; receivedFrom?: string; receivedTo?: string }>;

/** A period of receipt: ISO times, both inclusive. */
export type RejectionPeriod = Readonly<{ from: string; to: string }>;

/** How many entries of one source (`null`: the message named none, or an entry older than sources) and code. */
export type RejectionCount = { source: string | null; code: string; count: number };

/**
 * The counts of the adapters' GROUP BY (count as number or bigint text), most first, then by
 * source (none first) and code in code-point order: the same on every adapter and locale.
 */
export function rejectionCounts(rows: readonly { source: string | null; code: string; count: number | string }[]): RejectionCount[] {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .map((row) => ({ source: row.source, code: row.code, count: Number(row.count) }))
    .sort((a, b) => b.count - a.count || byText(a.source ?? '', b.source ?? '') || byText(a.code, b.code));
}

/** A refusal read from a partner stream (`MessageRejected` at `position`), for the log. */
export type ProjectedRefusal = Readonly<{ position: bigint; entry: RejectionEntry }>;

/**
 * The operator-visible log of messages that were not appended. Invalid messages (and messageIds
 * reused across partners) are recorded by ingestion; refusals by the domain are stored in the
 * partner's stream and projected here from the store, so the log never contradicts it.
 */
export interface RejectionLog {
  /** Durably records the entry; the same message with the same outcome is kept once. */
  record(entry: RejectionEntry): Promise<void>;
  /**
   * Durably records projected refusals (each once, by position) and moves the projection's
   * checkpoint, together. With `fence` (the elected projector's token) the write happens only if
   * no newer leader has written the checkpoint since; else nothing is written and it throws
   * `FencedOutError`. Without it the write is unconditional (a single projector, no election).
   */
  recordRefusals(refusals: readonly ProjectedRefusal[], checkpoint: bigint, fence?: FencingToken): Promise<void>;
  /** The last store position whose refusals are in the log (`0n` before any). */
  checkpoint(): Promise<bigint>;
  /** Entries after `after` (an id) that match `filter`, oldest first, with their replays. */
  list(options: { after?: number; limit: number; filter?: RejectionFilter }): Promise<StoredRejection[]>;
  /** One entry by its id, with its replays; `undefined` if the log has none. */
  get(id: number): Promise<StoredRejection | undefined>;
  /** Durably adds a replay to the entry's audit trail. */
  recordReplay(rejectionId: number, attempt: ReplayAttempt): Promise<void>;
  /** Entries received from `from` to `to` (inclusive, ISO times) per source and code, most first. */
  countBySourceAndCode(period: RejectionPeriod): Promise<RejectionCount[]>;
  /** Writes what is pending, then releases the log's resources (not a pool it was given). */
  close(): Promise<void>;
}
