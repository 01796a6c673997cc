import { createHash } from 'node:crypto';
import { type RejectionEntry, type StoredRejection, keptPayload } from './rejection-log';

// ── A rejection as a table row: one mapping for the SQLite and PostgreSQL adapters ───────────

/** Counts per source and code over a period, on the received_at index (ordered by `rejectionCounts`). */
export function countBySourceAndCodeSql(table: string, [from, to]: readonly [string, string]): string {
  return `SELECT source, code, count(*) AS count FROM ${table} WHERE received_at >= ${from} AND received_at <= ${to} GROUP BY source, code`;
}

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
  source: string | null;
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
  'source',
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
    source: entry.source ?? null,
  };
}

/** A row as read (snake_case columns; ids and positions as number or bigint, by adapter). */
export type ReadRow = Record<string, string | number | bigint | null | undefined>;

export function fromRow(row: ReadRow): StoredRejection {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? undefined : String(row[key]));
  const messageId = text('message_id');
  const partnerId = text('partner_id');
  const type = text('type');
  const source = text('source');
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
    ...(source === undefined ? {} : { source }),
    payload: String(row.payload),
    origin: JSON.parse(String(row.origin)) as StoredRejection['origin'],
    ...(row.position === null || row.position === undefined ? {} : { position: Number(row.position) }),
  };
}
