import type { PartnerFold, TimedValue } from './partner-state';
import { type Toggle, type ToggleSeries, insertByTime, upperBound, withToggle } from './toggle-series';

// ── Small updates used by evolveInPlace ───────────────────────────────────────────────────────────────

/** Inserts a timed value in business-time order (after values at the same time). */
export function withTimed<T>(list: readonly TimedValue<T>[], entry: TimedValue<T>): TimedValue<T>[] {
  return insertByTime(list, entry);
}

/** The value in force at `time`, if any. */
export function valueAt<T>(list: readonly TimedValue<T>[], time: number): T | undefined {
  return entryAt(list, time)?.value;
}

/** The entry that the one in force at `time` replaced, if any. */
export function replacedEntryAt<T>(list: readonly TimedValue<T>[], time: number): TimedValue<T> | undefined {
  const index = upperBound(list, time);
  return index < 2 ? undefined : list[index - 2];
}

/** The entry in force at `time` (with the message that set it), if any. */
export function entryAt<T>(list: readonly TimedValue<T>[], time: number): TimedValue<T> | undefined {
  const index = upperBound(list, time);
  return index === 0 ? undefined : list[index - 1];
}

export function withTrainingToggle(state: PartnerFold, { courseId, learnerId }: { courseId: string; learnerId: string }, toggle: Toggle): void {
  const trainings = state.trainings;
  const learners = trainings.get(courseId) ?? new Map<string, ToggleSeries>();
  learners.set(learnerId, withToggle(learners.get(learnerId), toggle));
  trainings.set(courseId, learners);
}
