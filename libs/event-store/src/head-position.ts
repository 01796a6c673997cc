/**
 * A store that can tell its last global position cheaply. Optional: a projection's lag is then
 * `head - checkpoint` instead of a bounded read of the events after the checkpoint.
 */
export interface KnowsHeadPosition {
  /** Position of the last stored event; `0n` when the store is empty. */
  headPosition(): Promise<bigint>;
}

export function knowsHeadPosition(store: object): store is KnowsHeadPosition {
  return typeof (store as Partial<KnowsHeadPosition>).headPosition === 'function';
}
