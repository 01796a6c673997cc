/** Child process of postgres-crash.pg-spec.ts: see crash-writer-loop.ts. Args: connection string, schema, round. */
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { appendUntilKilled, exitOnError } from './crash-writer-loop';

const [connectionString = '', schema = '', round = '0'] = process.argv.slice(2);
PostgresEventStore.open({ connectionString, schema })
  .then((store) => appendUntilKilled(store, round))
  .catch(exitOnError);
