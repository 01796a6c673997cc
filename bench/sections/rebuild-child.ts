import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG } from '@partner-program/domain';
import { SqliteEventStore } from '@partner-program/event-store';
import { PartnerProjector, ReadModelDatabase } from '@partner-program/read-models';
import { peakRss } from '../support';

// Child process of the rebuild benchmark: one full rebuild of every read model, then its figures as JSON.
async function main(): Promise<void> {
  const store = SqliteEventStore.open({ location: process.argv[2]! });
  const readDir = mkdtempSync(join(tmpdir(), 'pp-rebuild-'));
  const db = ReadModelDatabase.open({ location: readDir });
  try {
    const projector = new PartnerProjector({ store, db, catalog: DEFAULT_CATALOG });
    const { result, peakBytes } = await peakRss(() => projector.rebuild());
    process.stdout.write(
      `${JSON.stringify({ events: result.events, eventsPerSecond: result.events / (result.ms / 1000), peakRssMiB: peakBytes / 2 ** 20 })}\n`,
    );
  } finally {
    db.close();
    await store.close();
    rmSync(readDir, { recursive: true, force: true });
  }
}

void main();
