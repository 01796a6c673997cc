import { AppendNotifier } from './append-notifier';

const HOUR = 3_600_000;

describe('AppendNotifier', () => {
  it('wakes a waiter as soon as a later position is published', async () => {
    const notifier = new AppendNotifier();
    const waiting = notifier.waitForAppendAfter(5n, HOUR, new AbortController().signal);
    notifier.published(6n);
    await expect(waiting).resolves.toBeUndefined();
  });

  it('returns at once when a later position was already published (no lost wake-up)', async () => {
    const notifier = new AppendNotifier();
    notifier.published(7n);
    await expect(notifier.waitForAppendAfter(5n, HOUR, new AbortController().signal)).resolves.toBeUndefined();
  });

  it('wakes no one for a position it already knew', async () => {
    const notifier = new AppendNotifier();
    notifier.published(7n);
    const started = performance.now();
    const waiting = notifier.waitForAppendAfter(7n, 30, new AbortController().signal);
    notifier.published(7n);
    await waiting;
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
  });

  it('waits at most maxMs when nothing is published', async () => {
    const started = performance.now();
    await new AppendNotifier().waitForAppendAfter(0n, 20, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });

  it('ends the wait when the signal aborts, and on wakeAll', async () => {
    const notifier = new AppendNotifier();
    const stop = new AbortController();
    const aborted = notifier.waitForAppendAfter(0n, HOUR, stop.signal);
    stop.abort();
    await expect(aborted).resolves.toBeUndefined();
    const woken = notifier.waitForAppendAfter(0n, HOUR, new AbortController().signal);
    notifier.wakeAll();
    await expect(woken).resolves.toBeUndefined();
  });
});
