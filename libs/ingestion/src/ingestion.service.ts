import { partnerStreamId } from '@partner-program/event-store';
import { KeyedMutex } from './keyed-mutex';
import type { IngestResult } from './ingest-result';
import type { MessageIndex } from './message-index';
import type { PartnerCommandHandler } from './partner-command-handler';
import type { CommandContext } from './recorded-events';
import type { MessageOrigin, RejectionLog } from './rejection-log';
import { type UpstreamEnvelope, toFact, validateEnvelope } from './validation';

// ── One path for every ingress (HTTP and Kafka): validate → decide → append, or keep the reason ─

export type IngestionDeps = Readonly<{
  handler: PartnerCommandHandler;
  rejections: RejectionLog;
  messageIndex?: MessageIndex;
  clock: () => Date;
}>;

export type IngestInput = Readonly<{ body: unknown; payload?: string; origin: MessageOrigin; context?: CommandContext }>;

export class IngestionService {
  /** Keeps each partner's messages in arrival order through the asynchronous checks. */
  private readonly arrivalOrder = new KeyedMutex();

  constructor(private readonly deps: IngestionDeps) {}

  /** Ingests one message; resolves once its outcome is durable (stored or kept as rejected). */
  ingest(input: IngestInput): Promise<IngestResult> {
    const validation = validateEnvelope(input.body, this.deps.clock().getTime());
    if (!validation.ok) {
      const reason = validation.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
      const result = { messageId: validation.messageId ?? null, outcome: 'invalid', code: 'invalid', reason, problems: validation.problems } as const;
      return this.keep(input, result, validation).then(() => result);
    }
    const { envelope } = validation;
    return this.arrivalOrder.run(envelope.partnerId, () => this.decide(envelope, input));
  }

  /** Ingests messages concurrently across partners, in order within each; results in input order. */
  ingestBatch(inputs: readonly IngestInput[]): Promise<IngestResult[]> {
    return Promise.all(inputs.map((input) => this.ingest(input)));
  }

  private async decide(envelope: UpstreamEnvelope, input: IngestInput): Promise<IngestResult> {
    const reused = await this.usedByAnotherPartner(envelope);
    if (reused) return this.reject(input, envelope, 'message-id-reused', `messageId ${envelope.messageId} was already used for partner ${reused}`);
    const handled = await this.deps.handler.handle({ type: 'RecordFact', partnerId: envelope.partnerId, fact: toFact(envelope) }, input.context);
    const { decision, positions } = handled;
    switch (decision.kind) {
      case 'accepted':
        return { messageId: envelope.messageId, outcome: 'appended', position: Number(positions.at(-1)) };
      case 'duplicate':
        return { messageId: envelope.messageId, outcome: 'duplicate', position: Number(positions[0]) };
      case 'rejected':
        return this.reject(input, envelope, decision.code, decision.reason);
    }
  }

  private async usedByAnotherPartner(envelope: UpstreamEnvelope): Promise<string | undefined> {
    if (!this.deps.messageIndex) return undefined;
    const own = partnerStreamId(envelope.partnerId);
    const found = await this.deps.messageIndex.findByMessageId(envelope.messageId);
    return found.find((event) => event.streamId !== own)?.streamId.replace(/^partner-/, '');
  }

  private async reject(input: IngestInput, envelope: UpstreamEnvelope, code: string, reason: string): Promise<IngestResult> {
    const result = { messageId: envelope.messageId, outcome: 'rejected', code, reason } as const;
    await this.keep(input, result, envelope);
    return result;
  }

  private keep(input: IngestInput, result: IngestResult, about: { messageId?: string; partnerId?: string; type?: string }): Promise<void> {
    return this.deps.rejections.record({
      outcome: result.outcome === 'invalid' ? 'invalid' : 'rejected',
      code: result.code ?? result.outcome,
      reason: result.reason ?? '',
      ...(result.problems ? { problems: result.problems } : {}),
      ...(about.messageId ? { messageId: about.messageId } : {}),
      ...(about.partnerId ? { partnerId: about.partnerId } : {}),
      ...(about.type ? { type: about.type } : {}),
      payload: input.payload ?? safeJson(input.body),
      origin: input.origin,
      receivedAt: this.deps.clock().toISOString(),
    });
  }
}

function safeJson(body: unknown): string {
  try {
    return JSON.stringify(body) ?? String(body);
  } catch {
    return String(body);
  }
}
