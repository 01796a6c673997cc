import { programmeBehaviour } from './testing/behaviour/programme.behaviour';
import { ReadModelDatabase } from './read-model-database';
import { projectionBehaviour } from './testing/behaviour/projection.behaviour';
import { queriesBehaviour } from './testing/behaviour/queries.behaviour';

// The read-model behaviour shared by every database, on SQLite in memory (PostgreSQL: postgres/read-models.pg-spec.ts).

const open = async () => ReadModelDatabase.open({ location: ':memory:' });
queriesBehaviour(open);
programmeBehaviour(open);
projectionBehaviour(open);
