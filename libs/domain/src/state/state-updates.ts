import type { PartnerState, TimedValue } from './partner-state';
import { type Toggle, insertByTime, upperBound, withToggle } from './toggle-series';

// ── Small updates used by evolve ───────────────────────────────────────────────────────────────

/**
 * The state's own map, writable. The fold is linear (see PartnerState), so evolve extends the
 * maps of the state it was handed instead of copying them on every event.
 */
export function owned<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  return map as Map<K, V>;
}

/** Inserts a timed value in business-time order (after values at the same time). */
export function withTimed<T>(list: readonly TimedValue<T>[], entry: TimedValue<T>): TimedValue<T>[] {
  return insertByTime(list, entry);
}

/** The value in force at `time`, if any. */
export function valueAt<T>(list: readonly TimedValue<T>[], time: number): T | undefined {
  const index = upperBound(list, time);
  return index === 0 ? undefined : list[index - 1]!.value;
}

export function withTrainingToggle(
  state: PartnerState,
  { courseId, learnerId }: { courseId: string; learnerId: string },
  toggle: Toggle,
): PartnerState {
  const trainings = owned(state.trainings);
  const learners = owned(trainings.get(courseId) ?? new Map());
  learners.set(learnerId, withToggle(learners.get(learnerId), toggle));
  trainings.set(courseId, learners);
  return state;
}
