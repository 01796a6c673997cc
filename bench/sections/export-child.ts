import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_CATALOG } from '@partner-program/domain';
import { SqliteEventStore } from '@partner-program/event-store';
import { encoded } from '../../apps/membership-api/src/exports/export-formats';
import { PartnerStatusExporter } from '../../apps/membership-api/src/exports/partner-status-export';
import { peakRss } from '../support';

// Child process of the export benchmark: the route's export of every partner, from the store in
// argv[2], in argv[3]'s format, into a sink that drains like a fast client; its figures as JSON.
async function main(): Promise<void> {
  const store = SqliteEventStore.open({ location: process.argv[2]! });
  const format = process.argv[3] === 'csv' ? 'csv' : 'ndjson';
  try {
    const exporter = new PartnerStatusExporter(store, DEFAULT_CATALOG);
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    });
    const started = performance.now();
    const { result, peakBytes } = await peakRss(async () => {
      const snapshot = await exporter.start({ asOf: Date.parse('2026-12-01T23:59:59.999Z'), knownAt: undefined, signal: new AbortController().signal });
      await pipeline(
        Readable.from(
          encoded(format, snapshot.rows, (error) => {
            throw error;
          }),
        ),
        sink,
      );
      return snapshot;
    });
    const ms = performance.now() - started;
    process.stdout.write(`${JSON.stringify({ partners: result.partners, position: Number(result.position), ms, bytes, peakRssMiB: peakBytes / 2 ** 20 })}\n`);
  } finally {
    await store.close();
  }
}

void main();
