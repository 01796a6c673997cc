import { type EventStore, EsdbEventStore, SqliteEventStore } from '@partner-program/event-store';
import type { AppConfig } from '../config/app-config';
import type { Clock } from './tokens';

/** The embedded SQLite store in DATA_DIR by default; EventStoreDB/KurrentDB with EVENT_STORE=esdb. */
export function createEventStore(config: AppConfig, clock: Clock): EventStore {
  if (config.EVENT_STORE === 'esdb') return EsdbEventStore.fromConnectionString(config.ESDB_CONNECTION_STRING!, { clock });
  return SqliteEventStore.open({ location: config.DATA_DIR, clock });
}
