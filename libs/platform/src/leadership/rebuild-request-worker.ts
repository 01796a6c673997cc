import type { LeadershipTerm, TermWorker } from './leadership';
import type { PostgresRebuildRequests, RebuildResult } from './rebuild-requests';

/** The leader's side of rebuild requests: claims each under the term's epoch, rebuilds, records the outcome. */
export class RebuildRequestWorker implements TermWorker {
  readonly name = 'rebuild requests';

  constructor(
    private readonly requests: PostgresRebuildRequests,
    private readonly rebuild: () => Promise<RebuildResult>,
    private readonly onError: (error: unknown) => void,
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
        this.onError(error);
      }
      await this.requests.waitForChange(term.signal);
    }
  }

  private async run(id: number, epoch: bigint): Promise<void> {
    let outcome: { result: RebuildResult } | { error: string };
    try {
      outcome = { result: await this.rebuild() };
    } catch (error) {
      outcome = { error: (error as Error).message };
    }
    await this.requests.finish(id, epoch, outcome);
  }
}
