import { type Clock, MessageIdInUseError } from '@partner-program/event-store';
import { CoalescingQueue } from './coalescing-queue';
import type { IngestResult } from './ingest-result';
import { holderOf, invalidReason, reusedReason } from './outcome-reasons';
import type { PartnerCommandHandler } from './partner-command-handler';
import type { CommandContext } from './recorded-events';
import type { MessageOrigin, RejectionLog } from './rejection-log';
import { type Problem, type UpstreamEnvelope, toFact, validateEnvelope } from './validation';

// ── One path for every ingress (HTTP and Kafka): validate → decide → append, or keep the reason ─

export type IngestionDeps = Readonly<{
  handler: PartnerCommandHandler;
  rejections: RejectionLog;
  clock: Clock;
}>;

/**
 * `body`: the parsed message; `payload`: its text as received (what the rejection log keeps);
 * `problems`: what reading that text found (`readJsonBytes`), judged with the envelope's rules.
 */
export type IngestInput = Readonly<{ body: unknown; payload: string; problems?: readonly Problem[]; origin: MessageOrigin; context?: CommandContext }>;

type ValidInput = Readonly<{ envelope: UpstreamEnvelope; input: IngestInput }>;

export class IngestionService {
  /**
   * Keeps each partner's messages in arrival order, and decides whatever waits for a partner
   * together: concurrent requests for one partner share one append instead of one fsync each.
   */
  private readonly partners = new CoalescingQueue<ValidInput, IngestResult>((partnerId, group) => this.decideGroup(partnerId, group));

  constructor(private readonly deps: IngestionDeps) {}

  /** Ingests one message; resolves once its outcome is durable (stored or kept as rejected). */
  async ingest(input: IngestInput): Promise<IngestResult> {
    const [result] = await this.ingestBatch([input]);
    return result!;
  }

  /**
   * Ingests messages concurrently across partners and in order within each; a partner's messages
   * are decided together and stored in one append. Results come back in input order.
   */
  ingestBatch(inputs: readonly IngestInput[]): Promise<IngestResult[]> {
    const now = this.deps.clock().getTime();
    const results = new Array<Promise<IngestResult>>(inputs.length);
    const byPartner = new Map<string, (ValidInput & { index: number })[]>();
    inputs.forEach((input, index) => {
      const validation = validateEnvelope(input.body, now, input.problems);
      if (!validation.ok) return void (results[index] = this.keepInvalid(input, validation));
      const group = byPartner.get(validation.envelope.partnerId) ?? [];
      group.push({ envelope: validation.envelope, input, index });
      byPartner.set(validation.envelope.partnerId, group);
    });
    for (const [partnerId, group] of byPartner) {
      // Entering the partner's queue synchronously keeps arrival order across concurrent calls.
      const decided = this.partners.submit(partnerId, group);
      group.forEach((item, k) => {
        results[item.index] = decided.then((all) => all[k]!);
      });
    }
    return Promise.all(results);
  }

  private async decideGroup(partnerId: string, group: readonly ValidInput[]): Promise<IngestResult[]> {
    const { handled, heldElsewhere } = await this.decideFresh(partnerId, group);
    let next = 0;
    return Promise.all(
      // async, though nothing inside awaits: `next` still advances in order, and every item is a promise.
      group.map(async ({ envelope, input }, k): Promise<IngestResult> => {
        const holder = heldElsewhere.get(k);
        // Never stored for this partner (the id belongs to another), so kept in the log directly;
        // the answer cannot change: the other partner's event stays.
        if (holder) return this.reject(input, envelope, 'message-id-reused', reusedReason(envelope.messageId, holder));
        const { decision, positions } = handled[next++]!;
        switch (decision.kind) {
          case 'accepted':
            return { messageId: envelope.messageId, outcome: 'appended', position: Number(positions.at(-1)) } as const;
          case 'duplicate':
            return { messageId: envelope.messageId, outcome: 'duplicate', position: Number(positions[0]) } as const;
          case 'rejected':
            // A refusal stored in the partner's stream (now or at its first delivery) is listed
            // from there (rejection-log.projector.ts); a reused messageId is stored nowhere, and
            // its answer cannot change (the message holding the id stays), so it is kept here.
            if (positions.length === 0) return this.reject(input, envelope, decision.code, decision.reason);
            return {
              messageId: envelope.messageId,
              outcome: 'rejected',
              code: decision.code,
              reason: decision.reason,
              position: Number(positions[0]),
            } as const;
        }
      }),
    );
  }

  /**
   * Decides and appends the group's messages. A messageId belongs to one stream, which the store
   * checks inside the append (so two partners racing for one id cannot both store it): a message
   * whose id another stream holds is set aside, and the rest decided again.
   */
  private async decideFresh(partnerId: string, group: readonly ValidInput[]) {
    const heldElsewhere = new Map<number, string>();
    for (;;) {
      const fresh = group.filter((_, k) => !heldElsewhere.has(k));
      const commands = fresh.map(({ envelope }) => ({ type: 'RecordFact' as const, partnerId, fact: toFact(envelope) }));
      const contexts = fresh.map(({ input }) => ({ ...input.context, origin: input.origin }));
      try {
        const handled = commands.length === 0 ? [] : await this.deps.handler.handleMany(partnerId, commands, contexts);
        return { handled, heldElsewhere };
      } catch (error) {
        const owner = error instanceof MessageIdInUseError ? ownerOf(error.messageId, group, heldElsewhere) : -1;
        if (owner < 0) throw error;
        heldElsewhere.set(owner, holderOf((error as MessageIdInUseError).streamId));
      }
    }
  }

  private async keepInvalid(input: IngestInput, validation: Extract<ReturnType<typeof validateEnvelope>, { ok: false }>): Promise<IngestResult> {
    const reason = invalidReason(validation.problems);
    const result = { messageId: validation.messageId ?? null, outcome: 'invalid', code: 'invalid', reason, problems: validation.problems } as const;
    await this.keep(input, result, validation);
    return result;
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
      payload: input.payload,
      origin: input.origin,
      receivedAt: this.deps.clock().toISOString(),
    });
  }
}

/**
 * Which message of the group an id clash is about: the message with that id, or the one whose
 * decision derived it (the backend's own events carry `<messageId>:<suffix>` ids).
 */
function ownerOf(messageId: string, group: readonly ValidInput[], setAside: ReadonlyMap<number, string>): number {
  const open = (k: number) => !setAside.has(k);
  const exact = group.findIndex(({ envelope }, k) => open(k) && envelope.messageId === messageId);
  return exact >= 0 ? exact : group.findIndex(({ envelope }, k) => open(k) && messageId.startsWith(`${envelope.messageId}:`));
}
