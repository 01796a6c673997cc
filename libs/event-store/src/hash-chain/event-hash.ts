import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

// ── The tamper-evident chain: one hash per stored event, chained per stream ────────────────────
// The one implementation of the hash: the stores call it in their append transaction, the
// upgrade of older stores calls it over the events already stored, and `npm run audit:verify`
// calls it over a downloaded history. docs/contract.md ("Tamper evidence") specifies it for an
// auditor who re-implements it.

/** `previousHash` of a stream's first event (revision 0): 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: the event as stored (before any upcasting), without its global position. */
export interface HashedEvent {
  streamId: string;
  revision: number;
  type: string;
  data: object;
  /** Every metadata field as stored: the caller's (messageId, source, occurredAt, …), `recordedAt` and `schemaVersion`. */
  metadata: object;
}

/**
 * SHA-256 (lower-case hex) of the UTF-8 bytes of the RFC 8785 (JCS) canonical JSON of
 * `{ previousHash, streamId, revision, type, data, metadata }`. The position is left out on
 * purpose: a log migrated or rebuilt into another store renumbers positions, and the chain of a
 * stream must survive that.
 */
export function eventHash(previousHash: string, event: HashedEvent): string {
  const { streamId, revision, type, data, metadata } = event;
  // An object always canonicalises to a string (undefined is only for a bare `undefined`).
  const text = canonicalize({ previousHash, streamId, revision, type, data, metadata }) as string;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The signature of {@link eventHash}, for the stores' option. */
export type ChainHash = (previousHash: string, event: HashedEvent) => string;

/** The hash a stream's next event chains to: its last event's, or {@link GENESIS_HASH} for a new stream. */
export function nextPreviousHash(streamId: string, last: { revision: number; hash: string | null } | undefined): string {
  if (last === undefined) return GENESIS_HASH;
  // Only a store opened without its chain upgrade (which every open runs first) could hold one.
  if (last.hash === null) throw new Error(`${streamId}@${last.revision} has no hash: the hash chain upgrade has not run on this store`);
  return last.hash;
}
