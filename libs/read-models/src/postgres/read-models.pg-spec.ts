import { programmeBehaviour } from '../testing/behaviour/programme.behaviour';
import { projectionBehaviour } from '../testing/behaviour/projection.behaviour';
import { queriesBehaviour } from '../testing/behaviour/queries.behaviour';
import { rebuildBehaviour } from '../testing/behaviour/rebuild.behaviour';
import { TestPostgresReadModels } from './postgres-test-read-models';

// The read-model behaviour shared by every database, on PostgreSQL (a schema per test; SQLite: read-models.int-spec.ts).

const open = () => TestPostgresReadModels.open();
queriesBehaviour(open);
programmeBehaviour(open);
projectionBehaviour(open);
rebuildBehaviour(open, (f, table) => (f.database as TestPostgresReadModels).rowsIn(table));
