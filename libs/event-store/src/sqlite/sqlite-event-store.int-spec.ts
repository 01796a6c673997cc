import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract, type ContractStoreOptions } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

function fixture(location: () => string, cleanupDir: (dir: string) => void) {
  return async (options: ContractStoreOptions) => {
    const dir = location();
    const store = SqliteEventStore.open({ location: dir, ...options });
    return {
      store,
      cleanup: async () => {
        await store.close();
        cleanupDir(dir);
      },
    };
  };
}

describeEventStoreContract(
  'SQLite file in a temp dir',
  fixture(
    () => mkdtempSync(join(tmpdir(), 'event-store-contract-')),
    (dir) => rmSync(dir, { recursive: true, force: true }),
  ),
  { gapFreePositions: true, wakesOnAppend: true },
);

describeEventStoreContract(
  'SQLite :memory:',
  fixture(
    () => ':memory:',
    () => undefined,
  ),
  { gapFreePositions: true, wakesOnAppend: true },
);
