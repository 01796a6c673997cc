import type { TierChange } from '@partner-program/domain';

/**
 * A tier change's id, stored and published (the `pp-change-id` header): deterministic, so a replayed
 * page or a rebuild finds the change already there, and consumers can deduplicate across redeliveries.
 * A contract: changing it makes every consumer see every past change anew (golden-tested).
 */
export function tierChangeId(partnerId: string, change: Pick<TierChange, 'area' | 'at' | 'from' | 'to'>): string {
  return `${partnerId}|${change.area}|${change.at}|${change.from ?? 'none'}|${change.to ?? 'none'}`;
}
