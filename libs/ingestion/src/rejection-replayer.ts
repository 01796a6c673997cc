import type { PartnerCommand } from '@partner-program/domain';
import { type Clock, KeyedMutex, MessageIdInUseError } from '@partner-program/event-store';
import { holderOf, invalidReason, reusedReason } from './outcome-reasons';
import type { PartnerCommandHandler } from './partner-command-handler';
import type { CommandContext } from './recorded-events';
import { MAX_KEPT_PAYLOAD_CHARS, type RejectionFilter, type RejectionLog, type ReplayAttempt, type StoredRejection } from './rejection-log';
import { readJsonText, toFact, validateEnvelope } from './validation';

// ── Replaying a kept message after a fix: an admin's explicit, audited correction ────────────
// Not a redelivery: a redelivery (or a client's retry) keeps getting the message's first outcome.
// A replay runs the kept message through the ingestion path as it is today (validation with the
// current rules and clock, the decider against the partner's current state) and records what came
// of it on the rejection. Nothing is stored twice, by the store's own idempotency rather than by
// the attempts recorded here: the fact keeps its messageId, so a second replay, or one after a
// crash between the append and the recording, finds it in the partner's stream (a duplicate).

/** Who asks for the replay, for the audit trail: never the key itself. */
export type ReplayCaller = Readonly<{ by: ReplayAttempt['by']; requestId: string }>;

/** The answer of one replay: the rejection's id and the attempt that decided it. */
export type ReplayResult = ReplayAttempt & Readonly<{ id: number; messageId?: string }>;

export class RejectionNotFoundError extends Error {
  constructor(readonly id: number) {
    super(`no rejection ${id}`);
  }
}

/** The log kept only the start of the message (`keptPayload`): it cannot be sent again as it was. */
export class PayloadTruncatedError extends Error {
  constructor(readonly id: number) {
    super(`rejection ${id} kept only the first ${MAX_KEPT_PAYLOAD_CHARS} characters of its message: it cannot be replayed; send it again from upstream`);
  }
}

/** A bulk replay: the entries after `after` (an id) matching the filter and `source` (the message's), up to `limit`. */
export type BulkReplay = Readonly<{ filter: RejectionFilter; source?: string; after?: number; limit: number; dryRun?: boolean }>;

/** One selected entry's result: its replay, or why it cannot be replayed; in a dry run, what would be replayed. */
export type BulkReplayItem =
  ReplayResult | Readonly<{ id: number; messageId?: string; notReplayable: string }> | Readonly<{ id: number; messageId?: string; wouldReplay: true }>;

export type BulkReplayAnswer = Readonly<{ dryRun: boolean; results: BulkReplayItem[]; nextAfter: number | null }>;

/** Rows read per page while selecting (the SQL filter first, `source` on the page). */
const SELECT_PAGE = 500;

export type RejectionReplayerDeps = Readonly<{ handler: PartnerCommandHandler; rejections: RejectionLog; clock: Clock }>;

export class RejectionReplayer {
  /** One replay of a rejection at a time in this process, so a recorded outcome is seen by the next. */
  private readonly replaying = new KeyedMutex();

  constructor(private readonly deps: RejectionReplayerDeps) {}

  /** Replays the rejection `id`; throws `RejectionNotFoundError` or `PayloadTruncatedError`. */
  replay(id: number, caller: ReplayCaller): Promise<ReplayResult> {
    return this.replaying.run(String(id), async () => {
      const rejection = await this.deps.rejections.get(id);
      if (!rejection) throw new RejectionNotFoundError(id);
      return this.replayKept(rejection, caller);
    });
  }

  /**
   * Replays the selected entries one by one, in id order. Entries whose message an earlier replay
   * stored are not selected (nothing left to correct), so repeating a bulk replay moves on; one
   * still refused stays selectable, and `nextAfter` pages past it.
   */
  async replayMatching(bulk: BulkReplay, caller: ReplayCaller): Promise<BulkReplayAnswer> {
    const selected = await this.select(bulk);
    const results: BulkReplayItem[] = [];
    for (const rejection of selected) {
      const messageId = rejection.messageId ? { messageId: rejection.messageId } : {};
      if (isTruncated(rejection)) results.push({ id: rejection.id, ...messageId, notReplayable: new PayloadTruncatedError(rejection.id).message });
      else if (bulk.dryRun) results.push({ id: rejection.id, ...messageId, wouldReplay: true });
      else results.push(await this.replayEntry(rejection, caller));
    }
    return { dryRun: bulk.dryRun ?? false, results, nextAfter: selected.length === bulk.limit ? selected.at(-1)!.id : null };
  }

  private async select({ filter, source, after = 0, limit }: BulkReplay): Promise<StoredRejection[]> {
    const selected: StoredRejection[] = [];
    for (let from = after; selected.length < limit;) {
      const page = await this.deps.rejections.list({ after: from, limit: SELECT_PAGE, filter });
      for (const rejection of page) {
        if (selected.length === limit) break;
        if (!settledReplay(rejection) && (source === undefined || sourceOf(rejection) === source)) selected.push(rejection);
      }
      if (page.length < SELECT_PAGE) break;
      from = page.at(-1)!.id;
    }
    return selected;
  }

  /** A rejection a bulk replay selected, read again under its lock (a replay may have settled it since). */
  private replayEntry(rejection: StoredRejection, caller: ReplayCaller): Promise<ReplayResult> {
    return this.replaying.run(String(rejection.id), async () => this.replayKept((await this.deps.rejections.get(rejection.id)) ?? rejection, caller));
  }

  private async replayKept(rejection: StoredRejection, caller: ReplayCaller): Promise<ReplayResult> {
    const settled = settledReplay(rejection);
    // Its message is stored: the recorded answer, and nothing new to record.
    if (settled) return { id: rejection.id, ...(rejection.messageId ? { messageId: rejection.messageId } : {}), ...settled };
    if (isTruncated(rejection)) throw new PayloadTruncatedError(rejection.id);
    const attempt = { at: this.deps.clock().toISOString(), ...caller, ...(await this.decide(rejection, caller)) };
    await this.deps.rejections.recordReplay(rejection.id, attempt);
    return { id: rejection.id, ...(rejection.messageId ? { messageId: rejection.messageId } : {}), ...attempt };
  }

  private async decide(rejection: StoredRejection, caller: ReplayCaller): Promise<Pick<ReplayAttempt, 'outcome' | 'code' | 'reason' | 'position'>> {
    const received = readJsonText(rejection.payload);
    const validation = validateEnvelope(received.ok ? received.value : undefined, this.deps.clock().getTime(), received.problems);
    if (!validation.ok) {
      return { outcome: 'invalid', code: 'invalid', reason: invalidReason(validation.problems) };
    }
    const { envelope } = validation;
    // A refusal stored in the stream (it has a position) is decided again past that refusal; a
    // message kept by ingestion (invalid, or its id held by another partner) never reached the
    // stream and is recorded like any new message.
    const fromStream = rejection.position !== undefined;
    const command: PartnerCommand = { type: fromStream ? 'ReplayRefusedFact' : 'RecordFact', partnerId: envelope.partnerId, fact: toFact(envelope) };
    const context: CommandContext = {
      actor: { role: caller.by.role, name: caller.by.keyId ?? caller.by.role },
      correlationId: caller.requestId,
      causationId: `rejection:${rejection.id}`,
      origin: { transport: 'http', requestId: caller.requestId },
    };
    try {
      const { decision, positions } = await this.deps.handler.handle(command, context);
      const position = positions.length > 0 ? { position: Number(positions.at(-1)) } : {};
      switch (decision.kind) {
        case 'accepted':
          return { outcome: 'appended', ...position };
        case 'duplicate':
          // Only a replay stores a refused fact under its own id: this one did, before a crash
          // kept it from being recorded. Any other duplicate is one stored by another message.
          return { outcome: fromStream && decision.messageId === envelope.messageId ? 'appended' : 'duplicate', ...position };
        case 'rejected':
          return { outcome: 'rejected', code: decision.code, reason: decision.reason, ...position };
      }
    } catch (error) {
      if (!(error instanceof MessageIdInUseError)) throw error;
      return { outcome: 'rejected', code: 'message-id-reused', reason: reusedReason(envelope.messageId, holderOf(error.streamId)) };
    }
  }
}

/** The attempt that stored the rejection's message, if one did: a later replay answers it. */
export function settledReplay(rejection: StoredRejection): ReplayAttempt | undefined {
  return rejection.replays?.find(({ outcome }) => outcome === 'appended' || outcome === 'duplicate');
}

/** Whether the log kept the whole message: a cut one is longer than the bound (its marker added). */
export function isTruncated(rejection: StoredRejection): boolean {
  return rejection.payload.length > MAX_KEPT_PAYLOAD_CHARS;
}

/** The `source` the kept message names, if it is JSON with one (an unreadable message has none). */
function sourceOf(rejection: StoredRejection): string | undefined {
  try {
    const source: unknown = (JSON.parse(rejection.payload) as { source?: unknown } | null)?.source;
    return typeof source === 'string' ? source : undefined;
  } catch {
    return undefined;
  }
}
