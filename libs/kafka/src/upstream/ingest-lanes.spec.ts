import type { IngestInput, IngestResult } from '@partner-program/ingestion';
import { ShutdownError } from '../backoff';
import { ingestInLanes, type LaneDeps } from './ingest-lanes';
import type { UpstreamRecord } from './upstream-message';

const record = (lane: string, id: string): UpstreamRecord => ({
  lane,
  message: {} as never,
  input: { body: { id }, payload: id, origin: { transport: 'kafka', topic: 't', partition: 0, offset: id } },
});
const idOf = (input: IngestInput) => (input.body as { id: string }).id;
const appended = (input: IngestInput): IngestResult => ({ messageId: idOf(input), outcome: 'appended' });

function deps(ingestBatch: LaneDeps['ingestBatch'], signal = new AbortController().signal): LaneDeps & { retries: string[] } {
  const retries: string[] = [];
  return {
    ingestBatch,
    signal,
    backoff: { initialMs: 1, maxMs: 2 },
    heartbeat: async () => undefined,
    onRetry: (_e, r) => retries.push(idOf(r.input)),
    retries,
  };
}

describe('ingestInLanes', () => {
  it('hands each lane to ingestBatch in order, lanes separately, and returns results in input order', async () => {
    const calls: string[][] = [];
    const records = [record('a', '1'), record('b', '2'), record('a', '3')];
    const results = await ingestInLanes(
      records,
      deps(async (inputs) => (calls.push(inputs.map(idOf)), inputs.map(appended))),
    );
    expect(calls).toEqual([['1', '3'], ['2']]);
    expect(results.map((r) => r.messageId)).toEqual(['1', '2', '3']);
  });

  it('retries a failed lane whole, with backoff, while other lanes complete once', async () => {
    const calls: string[][] = [];
    let failures = 3;
    const d = deps(async (inputs) => {
      calls.push(inputs.map(idOf));
      if (idOf(inputs[0]!) === 'a1' && failures-- > 0) throw new Error('SQLITE_BUSY');
      return inputs.map(appended);
    });
    const results = await ingestInLanes([record('a', 'a1'), record('b', 'b1'), record('a', 'a2'), record('b', 'b2')], d);
    expect(results.map((r) => r.outcome)).toEqual(['appended', 'appended', 'appended', 'appended']);
    expect(d.retries).toEqual(['a1', 'a1', 'a1']);
    expect(calls.filter((lane) => lane[0] === 'a1')).toEqual([
      ['a1', 'a2'],
      ['a1', 'a2'],
      ['a1', 'a2'],
      ['a1', 'a2'],
    ]);
    expect(calls.filter((lane) => lane[0] === 'b1')).toEqual([['b1', 'b2']]);
  });

  it('ends retries on shutdown, waits for lanes in flight, and rejects with ShutdownError', async () => {
    const controller = new AbortController();
    let finished = 0;
    const d = deps(async (inputs) => {
      if (idOf(inputs[0]!) === 'a1') throw new Error('store closed');
      await new Promise((resolve) => setTimeout(resolve, 30));
      finished += 1;
      return inputs.map(appended);
    }, controller.signal);
    const running = ingestInLanes([record('a', 'a1'), record('b', 'b1')], { ...d, backoff: { initialMs: 10_000, maxMs: 10_000 } });
    setTimeout(() => controller.abort(), 5);
    await expect(running).rejects.toBeInstanceOf(ShutdownError);
    expect(finished).toBe(1);
  });
});
