// ── Toggle series ──────────────────────────────────────────────────────────────────────────────
// A fact that is switched on and off over business time (a competency earned then lapsed, a
// training completed then revoked). Kept sorted by business time, so it answers "was it held at
// T?" for any T, whatever order the messages arrived in: that is what makes as-of and the
// timeline exact.

/** `by`: the messageId that switched it (for evidence, like `TimedValue.by`). */
export type Toggle = Readonly<{ at: number; on: boolean; until?: number | undefined; by: string }>;
export type ToggleSeries = readonly Toggle[];

/** A new series with the toggle inserted after every toggle at the same or an earlier time. */
export function withToggle(series: ToggleSeries | undefined, toggle: Toggle): ToggleSeries {
  return insertByTime(series ?? [], toggle);
}

/** A new list with `item` after every element at the same or an earlier time. */
export function insertByTime<T extends { at: number }>(list: readonly T[], item: T): T[] {
  const index = upperBound(list, item.at);
  return [...list.slice(0, index), item, ...list.slice(index)];
}

/** The toggle in force at `time` (the last one at or before it), if any. */
export function toggleAt(series: ToggleSeries | undefined, time: number): Toggle | undefined {
  if (!series) return undefined;
  const index = upperBound(series, time);
  return index === 0 ? undefined : series[index - 1];
}

/** Whether the fact holds at `time`: switched on, and not past its expiry. */
export function isHeldAt(series: ToggleSeries | undefined, time: number): boolean {
  return heldToggleAt(series, time) !== undefined;
}

/** The toggle that makes the fact hold at `time` (its `by` is the evidence), if it holds. */
export function heldToggleAt(series: ToggleSeries | undefined, time: number): Toggle | undefined {
  const toggle = toggleAt(series, time);
  return toggle !== undefined && toggle.on && (toggle.until === undefined || time < toggle.until) ? toggle : undefined;
}

/** Every time at which the series may change what `isHeldAt` answers. */
export function changeTimes(series: ToggleSeries): number[] {
  return series.flatMap((toggle) => (toggle.until === undefined ? [toggle.at] : [toggle.at, toggle.until]));
}

/** Index of the first element whose time is after `time`. */
export function upperBound<T extends { at: number }>(list: readonly T[], time: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]!.at <= time) low = mid + 1;
    else high = mid;
  }
  return low;
}
