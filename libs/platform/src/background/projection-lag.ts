import { type EventStore, knowsHeadPosition } from '@partner-program/event-store';

/** Without a cheap head, the lag is counted up to here: beyond it, the projector is simply far behind. */
export const LAG_CAP = 10_000;

/** How far a projection at `checkpoint` is behind the store. */
export type ProjectionLag = Readonly<{
  /** The store's last position (without a cheap head: the last of the events counted, at most {@link LAG_CAP} ahead). */
  headPosition: bigint;
  /** Events stored but not applied yet (counted up to {@link LAG_CAP} on stores that cannot tell their head). */
  lagEvents: number;
  /** Since when the oldest event not applied yet was stored; 0 when none is. */
  lagSeconds: number;
}>;

/** Events behind `checkpoint`: from the store's head when it knows it cheaply (SQLite), else one bounded read. */
export async function eventsBehind(store: EventStore, checkpoint: bigint): Promise<{ headPosition: bigint; lagEvents: number }> {
  if (knowsHeadPosition(store)) {
    const headPosition = await store.headPosition();
    return { headPosition, lagEvents: Number(headPosition - checkpoint) };
  }
  const page = await store.readAll({ fromPosition: checkpoint, maxCount: LAG_CAP });
  return { headPosition: page.events.at(-1)?.position ?? checkpoint, lagEvents: page.events.length };
}

/** {@link eventsBehind}, and for how long the oldest unapplied event has waited (its `recordedAt` to `now`). */
export async function projectionLag(store: EventStore, checkpoint: bigint, now: number): Promise<ProjectionLag> {
  const behind = await eventsBehind(store, checkpoint);
  if (behind.lagEvents === 0) return { ...behind, lagSeconds: 0 };
  const [oldest] = (await store.readAll({ fromPosition: checkpoint, maxCount: 1 })).events;
  const waited = oldest ? (now - Date.parse(oldest.metadata.recordedAt)) / 1000 : 0;
  return { ...behind, lagSeconds: Math.max(0, Math.round(waited * 1000) / 1000) };
}
