import { abortableIterator, type ClosableAsyncIterator } from './abortable-iterator';

/** What a pull-based catch-up subscription needs from a store that has no native one. */
export interface CatchUpSource<Row, Event> {
  /** Up to `maxCount` rows after `position` (exclusive), in position order. */
  readPage(position: bigint, maxCount: number): Row[] | Promise<Row[]>;
  /** Global position of a row. */
  positionOf(row: Row): bigint;
  /** Stream id of a row (for the prefix filter, checked before the row is decoded). */
  streamIdOf(row: Row): string;
  /** Decodes (and upcasts) a row the consumer will receive. */
  decode(row: Row): Event;
  /** Resolves once something after `position` may have been appended, or on abort. */
  waitForAppendAfter(position: bigint, signal: AbortSignal): Promise<void>;
}

/** Options of {@link catchUpSubscription}. */
export interface CatchUpOptions {
  fromPosition: bigint;
  streamPrefix: string;
  pageSize: number;
  signal?: AbortSignal;
  /** Called with the number of rows each page read fetched (backpressure accounting). */
  onPageRead?: (rows: number) => void;
}

/**
 * Catch-up then live, without skips or repeats: the checkpoint only moves past rows that were
 * handed out (or filtered out), and a page is read only when the consumer pulls past the
 * previous one, so at most one page is ever buffered.
 */
export function catchUpSubscription<Row, Event>(
  source: CatchUpSource<Row, Event>,
  options: CatchUpOptions,
): ClosableAsyncIterator<Event> {
  return abortableIterator(async function* (signal) {
    let checkpoint = options.fromPosition;
    while (!signal.aborted) {
      const rows = await source.readPage(checkpoint, options.pageSize);
      options.onPageRead?.(rows.length);
      for (const row of rows) {
        if (signal.aborted) return;
        checkpoint = source.positionOf(row);
        if (source.streamIdOf(row).startsWith(options.streamPrefix)) yield source.decode(row);
      }
      // A short page means we are at the head: park until an append, then read again.
      if (rows.length < options.pageSize) await source.waitForAppendAfter(checkpoint, signal);
    }
  }, options.signal);
}
