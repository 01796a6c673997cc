import { ConfigService } from '@nestjs/config';
import type { PartnerProjector } from '@partner-program/read-models';
import type { AppConfig } from '../config/app-config';
import { ShutdownCoordinator } from '../core/shutdown-coordinator';
import type { RenewalNoticeIssuer } from './renewal-notice-issuer';
import { RenewalScheduler } from './renewal-scheduler';
import type { TierRiskNoticeIssuer } from './tier-risk-notice-issuer';

// A scheduler tick that begins shutdown must not make the loop wait out its interval: the loop
// pauses on an already-aborted signal (pause.spec.ts), and shutdown waits for the loop.

function coordinator(): ShutdownCoordinator {
  const closable = { close: async () => undefined };
  return new ShutdownCoordinator(closable as never, closable as never, closable as never, undefined);
}

describe('background loops and shutdown', () => {
  it('shutdown that begins during a scheduler tick does not wait out the interval', async () => {
    const shutdown = coordinator();
    const projector = {
      checkpoint: () => 1n,
      catchUp: async () => 0,
      refreshDue: async () => {
        shutdown.beginShutdown(); // SIGTERM while the tick runs
        return 0;
      },
    } as unknown as PartnerProjector;
    const issuer = { issueDue: async () => 0 } as unknown as RenewalNoticeIssuer;
    const riskIssuer = { issueDue: async () => 0 } as unknown as TierRiskNoticeIssuer;
    const scheduler = new RenewalScheduler(
      projector,
      issuer,
      riskIssuer,
      shutdown,
      () => new Date(),
      new ConfigService<AppConfig, true>({ SCHEDULER_INTERVAL_MS: 3_600_000 }),
    );
    shutdown.runInBackground(scheduler.runTerm({ epoch: 1n, signal: shutdown.signal, token: () => 1n }), 'renewal scheduler');
    expect(shutdown.waitingFor()).toMatch(/destroyed/);
    await shutdown.onApplicationShutdown('SIGTERM');
    expect(shutdown.waitingFor()).toBe('nothing (stores closed)');
  }, 2_000);

  it('names the background tasks shutdown still waits for', async () => {
    const shutdown = coordinator();
    let finish!: () => void;
    shutdown.runInBackground(new Promise<void>((resolve) => (finish = resolve)), 'projector');
    shutdown.runInBackground(Promise.resolve(), 'renewal scheduler');
    shutdown.beforeApplicationShutdown('SIGTERM');
    expect(shutdown.draining).toBe(true);
    const stopped = shutdown.onApplicationShutdown('SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(shutdown.waitingFor()).toBe('background tasks: projector');
    finish();
    await stopped;
  });
});
