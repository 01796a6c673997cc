import { ADMIN_KEY } from '../crash/api-process';

// ── Upstream clients that keep posting through crashes, as a well-behaved producer would ───────
// Each message is retried (same messageId, same body) on any replica until one acknowledges it:
// 201 appended or 200 duplicate. A refused message (400/422) fails the test at once: no crash may
// change a message's outcome.

export type Envelope = Readonly<{ messageId: string; type: string; partnerId: string; occurredAt: string; source: string; data: object }>;

const headers = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' };

/**
 * The facts of one partner: an agreement ending within 60 days (its renewal notice is due now),
 * good standing, a vmc-on-aws competency (tier `partner`) and deals that lift it to `advanced`:
 * two tier changes in the feed, and on Kafka, per partner.
 */
export function partnerFacts(partnerId: string, today: Date): Envelope[] {
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const at = (minutes: number) => new Date(today.getTime() - 86_400_000 + minutes * 60_000).toISOString();
  const envelope = (n: number, type: string, data: object): Envelope => ({
    messageId: `${partnerId}-m${n}`,
    type,
    partnerId,
    occurredAt: at(n),
    source: 'fleet-test',
    data,
  });
  return [
    envelope(0, 'AgreementSigned', { agreementId: `${partnerId}-A`, effectiveFrom: day(-300), expiresOn: day(20), businessModels: ['solution-provider'] }),
    envelope(1, 'TrainingCompleted', { courseId: 'vsp-foundation', learnerId: `${partnerId}-L1` }),
    envelope(2, 'TrainingCompleted', { courseId: 'vsp-foundation', learnerId: `${partnerId}-L2` }),
    envelope(3, 'TrainingCompleted', { courseId: 'ethics-compliance', learnerId: `${partnerId}-L1` }),
    envelope(4, 'DueDiligenceCompleted', { outcome: 'approved' }),
    envelope(5, 'SolutionCompetencyEarned', { competency: 'vmc-on-aws' }),
    ...Array.from({ length: 6 }, (_, i) => envelope(6 + i, 'CreditsBooked', { dealId: `${partnerId}-D${i}`, area: 'vmc-on-aws', credits: 9_000 + i })),
  ];
}

export type Replicas = () => readonly string[];

export class PostingClient {
  readonly acknowledged = new Map<string, number>();
  attempts = 0;

  constructor(
    private readonly replicas: Replicas,
    private readonly index: number,
    private readonly runTag: string,
  ) {}

  /** Partners whose every fact was acknowledged. */
  readonly partners: string[] = [];

  /**
   * Posts partner after partner (each one's facts in order, singles and batches of 3 alternately,
   * each until acknowledged, `paceMs` apart) until `stop` aborts; the partner in hand is finished.
   */
  async run(stop: AbortSignal, today: Date, paceMs: number, deadline: number): Promise<void> {
    for (let n = 0; !stop.aborted; n += 1) {
      const partnerId = `P-FLEET-${this.runTag}-${this.index}-${n}`;
      const messages = partnerFacts(partnerId, today);
      for (let i = 0; i < messages.length;) {
        const batch = i % 2 === 0 ? messages.slice(i, i + 3) : [messages[i]!];
        await this.postUntilAcknowledged(batch, deadline);
        i += batch.length;
        await new Promise((resolve) => setTimeout(resolve, paceMs));
      }
      this.partners.push(partnerId);
    }
  }

  private async postUntilAcknowledged(batch: readonly Envelope[], deadline: number): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      if (Date.now() > deadline) throw new Error(`client ${this.index}: ${batch[0]!.messageId} never acknowledged`);
      const replicas = this.replicas();
      const url = replicas[(this.index + attempt) % replicas.length];
      this.attempts += 1;
      const results = url === undefined ? undefined : await this.post(url, batch);
      if (results) {
        results.forEach((result) => this.acknowledged.set(result.messageId, Number(result.position)));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }

  /** The results when acknowledged; `undefined` when the replica or the database was away (retry). */
  private async post(url: string, batch: readonly Envelope[]): Promise<{ messageId: string; position: string | number }[] | undefined> {
    const single = batch.length === 1;
    let response: Response;
    try {
      response = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify(single ? batch[0] : { events: batch }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      return undefined;
    }
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (response.status >= 500 || response.status === 429 || body === undefined) return undefined;
    if (single && (response.status === 201 || response.status === 200)) return [body as { messageId: string; position: number }];
    if (!single && response.status === 200) {
      const results = (body as { results: { messageId: string; outcome: string; position?: number; code?: string }[] }).results;
      // An item may fail on a store error while the database restarts: the whole batch is retried.
      if (results.every((r) => r.outcome === 'appended' || r.outcome === 'duplicate')) return results as { messageId: string; position: number }[];
      if (results.some((r) => r.outcome === 'invalid' || r.outcome === 'rejected')) throw new Error(`refused: ${JSON.stringify(results)}`);
      return undefined;
    }
    throw new Error(`client ${this.index}: ${response.status} ${JSON.stringify(body)}`);
  }
}
