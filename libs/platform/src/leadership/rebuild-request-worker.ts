import type { LeadershipTerm, TermWorker } from './leadership';
import type { PostgresRebuildRequests, RebuildResult } from './rebuild-requests';

export type RebuildOutcome = { result: RebuildResult } | { error: string };

/** What the worker tells the operator: each request's outcome, and failures to serve requests at all. */
export type RebuildRequestReports = Readonly<{
  finished: (requestId: number, outcome: RebuildOutcome) => void;
  failed: (error: unknown) => void;
}>;

/** The leader's side of rebuild requests: claims each under the term's epoch, rebuilds, records the outcome. */
export class RebuildRequestWorker implements TermWorker {
  readonly name = 'rebuild requests';

  constructor(
    private readonly requests: PostgresRebuildRequests,
    private readonly rebuild: () => Promise<RebuildResult>,
    private readonly reports: RebuildRequestReports,
  ) {}

  async runTerm(term: LeadershipTerm): Promise<void> {
    while (!term.signal.aborted) {
      try {
        const id = await this.requests.claim(term.epoch);
        if (id !== undefined) {
          await this.run(id, term.epoch);
          continue;
        }
      } catch (error) {
        this.reports.failed(error);
      }
      await this.requests.waitForChange(term.signal);
    }
  }

  private async run(id: number, epoch: bigint): Promise<void> {
    let outcome: RebuildOutcome;
    try {
      outcome = { result: await this.rebuild() };
    } catch (error) {
      outcome = { error: (error as Error).message };
    }
    await this.requests.finish(id, epoch, outcome);
    this.reports.finished(id, outcome);
  }
}
