import { Logger } from '@nestjs/common';
import type { ShutdownCoordinator } from '../core/shutdown-coordinator';
import type { Metrics } from '../observability/metrics';
import type { Leadership, TermWorker } from './leadership';
import { serveTerms } from './serve-terms';

const logger = new Logger('Leadership');

/**
 * Runs `workers` only while this process leads `duty`, until shutdown (which waits for them),
 * with a log line at each election and loss and the `pp_is_leader{duty}` gauge.
 */
export function serveDuty(duty: string, leadership: Leadership, workers: readonly TermWorker[], shutdown: ShutdownCoordinator, metrics: Metrics): void {
  const gauge = metrics.leading.labels(duty);
  gauge.set(0);
  const served = serveTerms(leadership, workers, shutdown.signal, {
    elected: (term) => {
      gauge.set(1);
      term.signal.addEventListener('abort', () => gauge.set(0), { once: true });
      logger.log(`leading ${duty} (token ${term.epoch}): starting ${workers.map((worker) => worker.name).join(', ')}`);
    },
    ended: (term) => logger.log(`no longer leading ${duty} (token ${term.epoch}): its work has stopped`),
    failed: (worker, error) => logger.error(`${worker} failed while leading ${duty}: ${(error as Error).stack}`),
  });
  shutdown.runInBackground(served, `${duty} leadership`);
}
