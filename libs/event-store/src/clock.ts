/** Source of the recording time; injectable so tests and replays get deterministic `recordedAt`. */
export type Clock = () => Date;

/** The real wall clock. */
export const systemClock: Clock = () => new Date();
