import { backoffDelay } from './backoff';

describe('backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const options = { initialMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 50].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});
