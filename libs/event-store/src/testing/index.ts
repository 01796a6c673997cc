// ── @partner-program/event-store/testing: helpers for other libraries' tests, never for production code ──
export { adminQuery, dropSchema, testDatabaseUrl, uniqueSchema } from './postgres-test-schema';
