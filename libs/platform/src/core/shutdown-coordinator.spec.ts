import type { Pool } from 'pg';
import { ShutdownCoordinator } from './shutdown-coordinator';

describe('ShutdownCoordinator with a shared PostgreSQL pool', () => {
  it('ends the pool once, after the event store, the read models and the rejection log have closed', async () => {
    const order: string[] = [];
    const closing = (name: string) => ({ close: async () => void order.push(name) });
    const pool = { ending: false, end: async () => void order.push('pool') } as unknown as Pool;
    const shutdown = new ShutdownCoordinator(closing('event store') as never, closing('read models') as never, closing('rejection log') as never, pool);
    const lastWrite = shutdown.track(new Promise<void>((resolve) => setTimeout(() => resolve(void order.push('in-flight write')), 20)));
    await shutdown.onApplicationShutdown('SIGTERM');
    await lastWrite;
    expect(order).toEqual(['in-flight write', 'event store', 'read models', 'rejection log', 'pool']);
  });

  it('leaves alone a pool that is already ending', async () => {
    const end = jest.fn();
    const closable = { close: async () => undefined };
    await new ShutdownCoordinator(closable as never, closable as never, closable as never, { ending: true, end } as unknown as Pool).onApplicationShutdown();
    expect(end).not.toHaveBeenCalled();
  });
});
