import { type WakesOnAppend, wakesOnAppend } from '../../wakes-on-append';
import { headPosition, numbered, uniqueStream, type ContractFixture } from './contract-fixture';

const HOUR = 3_600_000;

/** A reader waiting at the end of the log (the projector between pages) wakes on an append, not on a poll. */
export function wakeOnAppendContract(fx: () => ContractFixture): void {
  const store = (): ContractFixture['store'] & WakesOnAppend => {
    const { store } = fx();
    if (!wakesOnAppend(store)) throw new Error('this store does not wake readers on append');
    return store;
  };

  it('wakes a reader waiting at the head as soon as an append commits', async () => {
    const head = await headPosition(store());
    const waiting = store().waitForAppendAfter(head, HOUR, new AbortController().signal);
    const appended = await store().append(uniqueStream(), numbered(1), { expectedRevision: 'no_stream' });
    await waiting;
    expect(appended.position).toBeGreaterThan(head);
  });

  it('returns at once for a reader behind the head (an append it has not read yet)', async () => {
    const head = await headPosition(store());
    await store().append(uniqueStream(), numbered(1), { expectedRevision: 'no_stream' });
    await store().waitForAppendAfter(head, HOUR, new AbortController().signal);
  });

  it('waits at most its bound when nothing is appended, and ends at once on abort or close', async () => {
    const head = await headPosition(store());
    const started = performance.now();
    await store().waitForAppendAfter(head, 30, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    await store().waitForAppendAfter(head, HOUR, AbortSignal.abort());
    const closing = store().waitForAppendAfter(head, HOUR, new AbortController().signal);
    await store().close();
    await closing;
  });
}
