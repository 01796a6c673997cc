import { KeyedMutex, Mutex } from './mutex';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedMutex', () => {
  it('runs tasks of one key in order, never overlapping', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([mutex.run('a', task('1')), mutex.run('a', task('2')), mutex.run('a', task('3'))]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs different keys concurrently and survives a failing task', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const failing = mutex.run('a', async () => {
      log.push('a');
      await tick();
      throw new Error('boom');
    });
    const other = mutex.run('b', async () => void log.push('b'));
    const after = mutex.run('a', async () => void log.push('a again'));
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([other, after]);
    expect(log).toEqual(['a', 'b', 'a again']);
    await tick();
    expect(mutex.busyKeys).toBe(0);
  });
});

describe('Mutex', () => {
  it('runs sections in call order, the next after a failing one', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const failing = mutex.run(async () => {
      await tick();
      log.push('first');
      throw new Error('boom');
    });
    const second = mutex.run(async () => void log.push('second'));
    await expect(failing).rejects.toThrow('boom');
    await second;
    expect(log).toEqual(['first', 'second']);
  });
});
