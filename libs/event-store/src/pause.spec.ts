import { pause } from './pause';

describe('pause', () => {
  it('waits the time asked when nothing aborts', async () => {
    const started = performance.now();
    await pause(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });

  it('resolves as soon as the signal aborts, without an error', async () => {
    const controller = new AbortController();
    const pausing = pause(3_600_000, controller.signal);
    controller.abort();
    await expect(pausing).resolves.toBeUndefined();
  });

  // A loop that pauses after its work must not miss an abort that happened during the work: the
  // signal fires its event once, so a pause begun afterwards would otherwise last its whole time.
  it('resolves at once on a signal that has already aborted', async () => {
    await expect(pause(3_600_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});
