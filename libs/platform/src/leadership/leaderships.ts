import type { AppConfig } from '../config/app-config';
import { postgresSchemas } from '../core/postgres';
import type { Leadership } from './leadership';
import { PostgresLeadership } from './postgres-leadership';
import { SoleLeadership } from './sole-leadership';

/**
 * The process's elections, one per duty that must run in one process at a time. Separate duties,
 * so a Kafka worker app and a projector app each lead their own work. Nothing connects until a
 * process serves the duty's terms (an `--api-only` replica never does).
 */
export type Leaderships = Readonly<{
  /** The projector, the rejection log's projector, the renewal scheduler, rebuild requests. */
  projector: Leadership;
  /** The renewal-notice and status-change publishers. */
  kafkaPublishers: Leadership;
}>;

/** Elected on PostgreSQL with DATABASE_URL; otherwise the single-process deployment leads alone. */
export function leadershipsFor(config: AppConfig, onError: (duty: string, error: unknown) => void): Leaderships {
  const connectionString = config.DATABASE_URL;
  const elect = (duty: string): Leadership =>
    connectionString
      ? new PostgresLeadership({ connectionString, duty, schema: postgresSchemas(config).coordination, onError: (error) => onError(duty, error) })
      : new SoleLeadership();
  return { projector: elect('projector'), kafkaPublishers: elect('kafka-publishers') };
}
