import { ShutdownError, backoffDelay, sleep } from './backoff';

describe('backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const options = { initialMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 50].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('sleep ends early with ShutdownError when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleep(10_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toBeInstanceOf(ShutdownError);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(sleep(1, controller.signal)).rejects.toBeInstanceOf(ShutdownError);
  });
});
