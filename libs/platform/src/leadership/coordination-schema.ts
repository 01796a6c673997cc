import { type PostgresMigration, migratePostgresSchema } from '@partner-program/event-store';
import type { ClientBase } from 'pg';

/** Where the instances of one deployment coordinate (elections, rebuild requests). */
export const DEFAULT_COORDINATION_SCHEMA = 'coordination';

/**
 * The coordination tables, oldest first; never edit a released step, append one.
 *
 * - `leadership`: one row per duty; `epoch` grows by one at each election and is the fencing token.
 * - `rebuild_requests`: `POST /v1/admin/projections/rebuild` on any replica files one here and the
 *   leading projector runs it. The partial unique index keeps at most one open (pending or
 *   running) request, so concurrent requests share one rebuild. `epoch` is the term that claimed it.
 */
const COORDINATION_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'leadership epochs, rebuild requests',
    up: (s) => `
      CREATE TABLE ${s}.leadership (
        duty       text        PRIMARY KEY,
        epoch      bigint      NOT NULL DEFAULT 0,
        holder     text,
        elected_at timestamptz
      );
      CREATE TABLE ${s}.rebuild_requests (
        id                bigserial   PRIMARY KEY,
        requested_at      timestamptz NOT NULL DEFAULT now(),
        requested_by_role text        NOT NULL,
        request_id        text        NOT NULL,
        state             text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
        epoch             bigint,
        started_at        timestamptz,
        finished_at       timestamptz,
        result            json,
        error             text
      );
      CREATE UNIQUE INDEX rebuild_requests_one_open ON ${s}.rebuild_requests ((true)) WHERE state IN ('pending', 'running');`,
  },
];

/** Creates or migrates the coordination schema; safe when several processes start at once. */
export async function migrateCoordinationSchema(client: ClientBase, schema: string): Promise<void> {
  await migratePostgresSchema(client, schema, COORDINATION_MIGRATIONS);
}
