// Injection tokens for the plain classes and functions the Nest shell wires together.
export const CLOCK = Symbol('CLOCK');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const RULESET_CATALOG = Symbol('RULESET_CATALOG');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const REJECTION_LOG = Symbol('REJECTION_LOG');
export const API_KEY_RING = Symbol('API_KEY_RING');
/** The process's one `pg.Pool` with EVENT_STORE=postgres; `undefined` otherwise. */
export const POSTGRES_POOL = Symbol('POSTGRES_POOL');
/** `Leaderships`: the process's elections (projector, Kafka publishers). */
export const LEADERSHIPS = Symbol('LEADERSHIPS');
/** `PostgresRebuildRequests` with DATABASE_URL, else `null` (no other process to ask). */
export const REBUILD_REQUESTS = Symbol('REBUILD_REQUESTS');

// The current time: the event store's one Clock type, a function so tests and the demo can move it.
export type { Clock } from '@partner-program/event-store';
