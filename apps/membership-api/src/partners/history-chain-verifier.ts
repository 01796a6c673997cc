import { GENESIS_HASH, eventHash, type HashedEvent } from '@partner-program/event-store';

// ── The offline check of a downloaded history (`npm run audit:verify -- FILE`) ─────────────────
// The inverse of toHistoryItem (partner-history.service.ts): each item back to the event as
// stored, its hash recomputed with the stores' own function, the chain followed revision by
// revision. Pure: the script only reads the file and prints.

/** A `/history` item as downloaded (JSON: nothing is trusted to be there). */
type DownloadedItem = Record<string, unknown>;

export type ChainVerdict =
  { ok: true; events: number; heads: Array<{ streamId: string; revision: number; hash: string }> } | { ok: false; events: number; problem: string };

const FIELDS = ['streamId', 'revision', 'type', 'occurredAt', 'recordedAt', 'source', 'messageId', 'data', 'metadata', 'hash', 'previousHash'] as const;

/**
 * The items of a download: one page (`{ items }`) or an array of pages or of items, as JSON, or
 * one page or item per line (NDJSON: pages appended one after the other).
 */
export function itemsOfDownload(text: string): unknown[] {
  const values = (() => {
    try {
      return [JSON.parse(text) as unknown];
    } catch {
      return text
        .split('\n')
        .map((line, i) => [line.trim(), i + 1] as const)
        .filter(([line]) => line.length > 0)
        .map(([line, number]) => {
          try {
            return JSON.parse(line) as unknown;
          } catch (error) {
            throw new Error(`line ${number} is not JSON (${(error as Error).message}): the file must be JSON or one JSON page or item per line`, {
              cause: error,
            });
          }
        });
    }
  })();
  const flatten = (value: unknown): unknown[] =>
    Array.isArray(value) ? value.flatMap(flatten) : isObject(value) && Array.isArray(value['items']) ? (value['items'] as unknown[]) : [value];
  return values.flatMap(flatten);
}

/** Follows each stream's chain through `items` (in file order) and names the first item that breaks it. */
export function verifyHistoryChain(items: readonly unknown[]): ChainVerdict {
  const streams = new Map<string, DownloadedItem[]>();
  for (const [i, item] of items.entries()) {
    const missing = isObject(item) ? FIELDS.find((field) => !(field in item)) : 'an object';
    if (missing !== undefined) return { ok: false, events: items.length, problem: `item ${i + 1} is not a history item (no ${missing})` };
    const it = item as DownloadedItem;
    if (typeof it['hash'] !== 'string')
      return { ok: false, events: items.length, problem: `${name(it)} has no hash: it was stored before the chain and cannot be verified` };
    const stream = streams.get(it['streamId'] as string) ?? [];
    streams.set(it['streamId'] as string, [...stream, it]);
  }
  if (streams.size === 0) return { ok: false, events: 0, problem: 'the file holds no history item' };
  const heads: Array<{ streamId: string; revision: number; hash: string }> = [];
  for (const [streamId, chain] of streams) {
    const problem = brokenLink(chain);
    if (problem !== undefined) return { ok: false, events: items.length, problem: `${streamId}: ${problem}` };
    const last = chain.at(-1)!;
    heads.push({ streamId, revision: last['revision'] as number, hash: last['hash'] as string });
  }
  return { ok: true, events: items.length, heads };
}

/** The first break in one stream's items, or undefined. */
function brokenLink(chain: readonly DownloadedItem[]): string | undefined {
  let previous: DownloadedItem | undefined;
  for (const item of chain) {
    const revision = item['revision'] as number;
    if (previous === undefined) {
      if (revision === 0 && item['previousHash'] !== GENESIS_HASH) return `${name(item)} does not start the chain: its previousHash is not ${GENESIS_HASH}`;
    } else {
      const expected = (previous['revision'] as number) + 1;
      if (revision > expected) {
        const later = chain.find((other) => other['revision'] === expected);
        if (later !== undefined) return `${name(later)} is out of order: it comes after ${name(item)}`;
        return `revision ${expected} is missing (dropped): ${name(previous)} is followed by ${name(item)}`;
      }
      if (revision < expected) return `${name(item)} is out of order: it comes after ${name(previous)}`;
      if (item['previousHash'] !== previous['hash']) return `${name(item)} does not chain to ${name(previous)}: its previousHash is not that event's hash`;
    }
    if (eventHash(item['previousHash'] as string, storedForm(item, revision)) !== item['hash']) return mismatch(item, chain);
    previous = item;
  }
  return undefined;
}

/**
 * Why an item's content does not give its hash: it was stored at another revision (two events
 * swapped: its hash verifies at a neighbouring revision after another event of the file), or edited.
 */
function mismatch(item: DownloadedItem, chain: readonly DownloadedItem[]): string {
  const revision = item['revision'] as number;
  for (const other of chain) {
    if (other === item) continue;
    for (const stored of new Set([(other['revision'] as number) + 1, revision - 1, revision + 1])) {
      if (eventHash(other['hash'] as string, storedForm(item, stored)) === item['hash'])
        return `${name(item)} was stored as revision ${stored}: the events were reordered`;
    }
  }
  return `${name(item)} does not match its hash: its content was edited (type, data or metadata), or its revision or the event before it changed`;
}

/** A history item back to the event as stored (the split-out metadata fields returned to the metadata). */
function storedForm(item: DownloadedItem, revision: number): HashedEvent {
  const { streamId, type, data, metadata, messageId, occurredAt, recordedAt, source } = item;
  return {
    streamId: streamId as string,
    revision,
    type: type as string,
    data: data as object,
    metadata: { ...(metadata as object), messageId, occurredAt, recordedAt, source },
  };
}

function name(item: DownloadedItem): string {
  return `revision ${String(item['revision'])} (messageId ${String(item['messageId'])})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
