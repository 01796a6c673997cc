import { createHash } from 'node:crypto';
import { type RejectionEntry, type RejectionFilter, type ReplayAttempt, type StoredRejection, keptPayload } from './rejection-log';

// ── A rejection as a table row: one mapping for the SQLite and PostgreSQL adapters ───────────

/** The row's columns, named as the statements' parameters. */
export type RejectionRow = Readonly<{
  dedupeKey: string;
  receivedAt: string;
  outcome: string;
  code: string;
  reason: string;
  problems: string | null;
  messageId: string | null;
  partnerId: string | null;
  type: string | null;
  payload: string;
  origin: string;
}>;

/** The columns in the order the PostgreSQL adapter's `unnest` takes them. */
export const REJECTION_COLUMNS = [
  'dedupeKey',
  'receivedAt',
  'outcome',
  'code',
  'reason',
  'problems',
  'messageId',
  'partnerId',
  'type',
  'payload',
  'origin',
] as const;

/**
 * The key that keeps an invalid message once: the whole text decides sameness (two messages are
 * never merged, a redelivery is kept once), hashed from the FULL payload, not the kept one.
 */
export function dedupeKeyOf(entry: RejectionEntry): string {
  return createHash('sha256').update(`${entry.outcome}\n${entry.code}\n${entry.payload}`).digest('hex');
}

/** A refusal is one stored event: its position identifies it, so a replayed page adds nothing. */
export function refusalDedupeKey(position: bigint): string {
  return `refusal:${position}`;
}

export function toRow(entry: RejectionEntry, dedupeKey: string): RejectionRow {
  return {
    dedupeKey,
    receivedAt: entry.receivedAt,
    outcome: entry.outcome,
    code: entry.code,
    reason: entry.reason,
    problems: entry.problems ? JSON.stringify(entry.problems) : null,
    messageId: entry.messageId ?? null,
    partnerId: entry.partnerId ?? null,
    type: entry.type ?? null,
    payload: keptPayload(entry.payload),
    origin: JSON.stringify(entry.origin),
  };
}

/** A row as read (snake_case columns; ids and positions as number or bigint, by adapter). */
export type ReadRow = Record<string, string | number | bigint | null | undefined>;

export function fromRow(row: ReadRow): StoredRejection {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? undefined : String(row[key]));
  const messageId = text('message_id');
  const partnerId = text('partner_id');
  const type = text('type');
  return {
    id: Number(row.id),
    receivedAt: String(row.received_at),
    outcome: row.outcome as StoredRejection['outcome'],
    code: String(row.code),
    reason: String(row.reason),
    ...(row.problems === null ? {} : { problems: JSON.parse(String(row.problems)) as StoredRejection['problems'] }),
    ...(messageId === undefined ? {} : { messageId }),
    ...(partnerId === undefined ? {} : { partnerId }),
    ...(type === undefined ? {} : { type }),
    payload: String(row.payload),
    origin: JSON.parse(String(row.origin)) as StoredRejection['origin'],
    ...(row.position === null || row.position === undefined ? {} : { position: Number(row.position) }),
  };
}

/** A replay as a row of `rejection_replays`, in the order of both adapters' INSERT parameters. */
export function replayRow(rejectionId: number, attempt: ReplayAttempt): (string | number | null)[] {
  const { at, outcome, code, reason, position, by, requestId } = attempt;
  return [rejectionId, at, outcome, code ?? null, reason ?? null, position ?? null, by.role, by.keyId ?? null, requestId];
}

export function replayFromRow(row: ReadRow): ReplayAttempt {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? undefined : String(row[key]));
  const [code, reason, keyId] = [text('code'), text('reason'), text('key_id')];
  return {
    at: String(row.at),
    outcome: row.outcome as ReplayAttempt['outcome'],
    ...(code === undefined ? {} : { code }),
    ...(reason === undefined ? {} : { reason }),
    ...(row.position === null || row.position === undefined ? {} : { position: Number(row.position) }),
    by: { role: String(row.role), ...(keyId === undefined ? {} : { keyId }) },
    requestId: String(row.request_id),
  };
}

/** Listed entries with their replays (`replays` rows ordered by id) attached. */
export function withReplays(entries: readonly StoredRejection[], replays: readonly ReadRow[]): StoredRejection[] {
  const byRejection = new Map<number, ReplayAttempt[]>();
  for (const row of replays) {
    const id = Number(row.rejection_id);
    byRejection.set(id, [...(byRejection.get(id) ?? []), replayFromRow(row)]);
  }
  return entries.map((entry) => (byRejection.has(entry.id) ? { ...entry, replays: byRejection.get(entry.id)! } : entry));
}

/** A filter as the page statements' parameters (null: any), named and, for PostgreSQL's `$n`, in this order. */
export function filterParams(filter: RejectionFilter = {}) {
  const { code = null, type = null, outcome = null, receivedFrom = null, receivedTo = null } = filter;
  return { code, type, outcome, receivedFrom, receivedTo };
}
