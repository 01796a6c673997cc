/**
 * Source of the current time (the recording time, the projector's evaluation time, ingestion's
 * receipt time); injectable so tests, replays and the demo get deterministic times.
 */
export type Clock = () => Date;

/** The real wall clock. */
export const systemClock: Clock = () => new Date();
