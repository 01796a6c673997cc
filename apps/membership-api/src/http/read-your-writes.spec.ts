import type { HttpException } from '@nestjs/common';
import type { CheckpointWait, ReadModelQueries } from '@partner-program/read-models';
import { ReadYourWrites } from './read-your-writes';

// minPosition: the wait is the read models' (LISTEN/NOTIFY on PostgreSQL, polling on SQLite); 5 s, then 503 + Retry-After.

function queriesAnswering(reached: boolean) {
  const calls: Array<[bigint, CheckpointWait]> = [];
  const queries = { checkpointReached: async (position: bigint, options: CheckpointWait) => (calls.push([position, options]), reached) };
  return { ryw: new ReadYourWrites(queries as unknown as ReadModelQueries), calls };
}

const refusal = async (wait: Promise<void>) =>
  (await wait.then(
    () => undefined,
    (error: HttpException) => error,
  ))!;

describe('ReadYourWrites', () => {
  it('waits on the read models for the position, up to 5 s', async () => {
    const { ryw, calls } = queriesAnswering(true);
    await ryw.waitFor('42');
    expect(calls).toEqual([[42n, { timeoutMs: 5_000 }]]);
  });

  it('answers 503 with Retry-After when the position is not reached in time', async () => {
    const error = await refusal(queriesAnswering(false).ryw.waitFor('42'));
    expect(error.getStatus()).toBe(503);
    expect(error.getResponse()).toMatchObject({ message: 'read models have not reached position 42 within 5 s; retry', retryAfter: 1 });
  });

  it('does not wait without minPosition, and refuses a malformed one', async () => {
    const { ryw, calls } = queriesAnswering(true);
    await ryw.waitFor(undefined);
    expect((await refusal(ryw.waitFor('-1'))).getStatus()).toBe(400);
    expect(calls).toEqual([]);
  });

  it('polls an async reached() hook (another projection) until it gets there', async () => {
    const { ryw, calls } = queriesAnswering(false);
    let checkpoint = 0n;
    await ryw.waitFor('3', async () => (checkpoint += 1n));
    expect(checkpoint).toBe(3n);
    expect(calls).toEqual([]);
  });
});
