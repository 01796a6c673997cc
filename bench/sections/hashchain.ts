import { GENESIS_HASH } from '@partner-program/event-store';
import type { Envelope } from '../../scripts/programme-generator';
import { type BenchOptions, type Figure, log, medianOf } from '../support';
import { postgresBenchStore } from './postgres';
import { type BenchStore, batchAppends100, singleAppends64, sqliteBenchStore } from './store-appends';

// Issue 14.5: what the hash chain costs on appends. The same store and workload twice: with the
// chain's hash (RFC 8785 canonical JSON + SHA-256 per event, in the append transaction) and with
// a hash function that returns a constant, so the difference is the hashing; the tip's hash read,
// the 64-character column and the JSON round trip of each event's content are in both.

const withoutHashing = { chainHash: () => GENESIS_HASH };

async function ratioFigures(
  store: string,
  open: (options: typeof withoutHashing | Record<string, never>) => () => Promise<BenchStore>,
  o: BenchOptions,
  add: (f: Figure) => void,
  writes: readonly Envelope[],
): Promise<void> {
  const singles = writes.slice(0, o.tiny ? 2_000 : 30_000);
  const measured = await medianOf(o.runs, async () => ({
    singleWith: (await singleAppends64(singles, open({}))).eventsPerSecond,
    singleWithout: (await singleAppends64(singles, open(withoutHashing))).eventsPerSecond,
    batchWith: await batchAppends100(writes, open({})),
    batchWithout: await batchAppends100(writes, open(withoutHashing)),
  }));
  for (const [kind, label, withChain, without] of [
    ['single', 'single-event appends, 64 concurrent callers', measured.singleWith, measured.singleWithout],
    ['batch', '100-event appends', measured.batchWith, measured.batchWithout],
  ] as const) {
    add({
      id: `hashchain-${store}-${kind}`,
      label: `hash chain, ${store}: ${label}, with the chain`,
      value: withChain,
      unit: 'events/s',
      notes: `${((withChain / without) * 100).toFixed(0)}% of the ${Math.round(without)} events/s without hashing`,
    });
  }
}

/** `--only hashchain`: SQLite always; PostgreSQL when DATABASE_URL is set. */
export async function hashChainFigures(o: BenchOptions, add: (f: Figure) => void, writes: readonly Envelope[]): Promise<void> {
  await ratioFigures('SQLite', (options) => () => sqliteBenchStore(options), o, add, writes);
  const url = process.env.DATABASE_URL;
  if (!url) return log('  hash chain on PostgreSQL: skipped, DATABASE_URL is not set');
  await ratioFigures('PostgreSQL', (options) => postgresBenchStore(url, options), o, add, writes);
}
