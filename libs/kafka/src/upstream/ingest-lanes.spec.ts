import type { IngestInput, IngestResult } from '@partner-program/ingestion';
import { ShutdownError } from '../backoff';
import { ingestInLanes, type LaneDeps } from './ingest-lanes';
import type { UpstreamRecord } from './upstream-message';

const record = (lane: string, id: string): UpstreamRecord =>
  ({ lane, message: {} as never, input: { body: { id }, origin: { transport: 'kafka', topic: 't', partition: 0, offset: id } } }) as UpstreamRecord;
const idOf = (input: IngestInput) => (input.body as { id: string }).id;
const appended = (input: IngestInput): IngestResult => ({ messageId: idOf(input), outcome: 'appended' });

function deps(ingest: LaneDeps['ingest'], signal = new AbortController().signal): LaneDeps & { retries: string[] } {
  const retries: string[] = [];
  return { ingest, signal, backoff: { initialMs: 1, maxMs: 2 }, heartbeat: async () => undefined, onRetry: (_e, r) => retries.push(idOf(r.input)), retries };
}

describe('ingestInLanes', () => {
  it('returns results in input order', async () => {
    const records = [record('a', '1'), record('b', '2'), record('a', '3')];
    const results = await ingestInLanes(records, deps(async (input) => appended(input)));
    expect(results.map((r) => r.messageId)).toEqual(['1', '2', '3']);
  });

  it('retries a failing message before its lane goes on, while other lanes proceed', async () => {
    const calls: string[] = [];
    let failures = 3;
    const d = deps(async (input) => {
      calls.push(idOf(input));
      if (idOf(input) === 'a1' && failures-- > 0) throw new Error('SQLITE_BUSY');
      return appended(input);
    });
    const results = await ingestInLanes([record('a', 'a1'), record('a', 'a2'), record('b', 'b1'), record('b', 'b2')], d);
    expect(results.map((r) => r.outcome)).toEqual(['appended', 'appended', 'appended', 'appended']);
    expect(d.retries).toEqual(['a1', 'a1', 'a1']);
    expect(calls.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a1', 'a1', 'a1', 'a2']);
    expect(calls.indexOf('b2')).toBeLessThan(calls.lastIndexOf('a1'));
  });

  it('stops every lane on shutdown, waiting for calls in flight, and rejects with ShutdownError', async () => {
    const controller = new AbortController();
    const calls: string[] = [];
    const d = deps(async (input) => {
      calls.push(idOf(input));
      if (idOf(input) === 'a1') throw new Error('store closed');
      await new Promise((resolve) => setTimeout(resolve, 20));
      return appended(input);
    }, controller.signal);
    const running = ingestInLanes([record('a', 'a1'), record('a', 'a2'), record('b', 'b1'), record('b', 'b2')], { ...d, backoff: { initialMs: 10_000, maxMs: 10_000 } });
    setTimeout(() => controller.abort(), 5);
    await expect(running).rejects.toBeInstanceOf(ShutdownError);
    expect(calls).toEqual(['a1', 'b1']);
  });
});
