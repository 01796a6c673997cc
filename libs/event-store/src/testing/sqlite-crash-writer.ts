/** Child process of sqlite-crash.int-spec.ts: see crash-writer-loop.ts. Args: directory, round. */
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { appendUntilKilled, exitOnError } from './crash-writer-loop';

const [directory = '', round = '0'] = process.argv.slice(2);
appendUntilKilled(SqliteEventStore.open({ location: directory }), round).catch(exitOnError);
