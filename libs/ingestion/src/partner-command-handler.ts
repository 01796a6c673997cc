import {
  type Decision,
  type PartnerCommand,
  type PartnerState,
  decide,
  evolve,
  fromRecorded,
  initialState,
} from '@partner-program/domain';
import {
  type EventStore,
  StreamStateCache,
  WrongExpectedRevisionError,
  partnerStreamId,
} from '@partner-program/event-store';
import { KeyedMutex } from './keyed-mutex';
import { type CommandContext, toNewEvent } from './recorded-events';

// ── The command path: read stream → fold → decide → append with expected revision ───────────
// States stay in an LRU, so a command on a partner with 100,000 events reads only what is new.
// The domain's evolve takes ownership of the state it is given, which is safe here because every
// use of a partner's cached state happens under that partner's lock.

export type HandledCommand = Readonly<{
  decision: Decision;
  /** Global positions of the appended events (accepted), or of the original (duplicate). */
  positions: readonly bigint[];
}>;

export type PartnerCommandHandlerOptions = Readonly<{ cacheSize?: number; maxConflictRetries?: number }>;

export class PartnerCommandHandler {
  private readonly cache: StreamStateCache<PartnerState>;
  private readonly locks = new KeyedMutex();
  private readonly maxRetries: number;

  constructor(
    private readonly store: EventStore,
    options: PartnerCommandHandlerOptions = {},
  ) {
    this.maxRetries = options.maxConflictRetries ?? 5;
    this.cache = new StreamStateCache<PartnerState>({
      store,
      initialState,
      evolve: (state, event) => evolve(state, fromRecorded(event)),
      maxEntries: options.cacheSize ?? 10_000,
    });
  }

  handle(command: PartnerCommand, context: CommandContext = {}): Promise<HandledCommand> {
    const streamId = partnerStreamId(command.partnerId);
    return this.locks.run(streamId, async () => {
      try {
        return await this.decideAndAppend(streamId, command, context);
      } catch (error) {
        // A failure may have left the cached state half-updated: the next load starts afresh.
        this.cache.forget(streamId);
        throw error;
      }
    });
  }

  private async decideAndAppend(streamId: string, command: PartnerCommand, context: CommandContext): Promise<HandledCommand> {
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.cache.load(streamId);
      const decision = decide(command, state);
      if (decision.kind === 'duplicate') return { decision, positions: [await this.positionOf(streamId, decision.revision)] };
      if (decision.kind === 'rejected' || decision.events.length === 0) return { decision, positions: [] };
      try {
        const expectedRevision = revision === 'no_stream' ? 'no_stream' : revision;
        const events = decision.events.map((event) => toNewEvent(event, context));
        const appended = await this.store.append(streamId, events, { expectedRevision });
        this.cache.remember(streamId, decision.events.reduce(evolve, state), appended.nextExpectedRevision);
        return { decision, positions: appended.positions };
      } catch (error) {
        // Another process appended first: reload what it wrote and decide again.
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.maxRetries) throw error;
      }
    }
  }

  private async positionOf(streamId: string, revision: number): Promise<bigint> {
    for await (const event of this.store.readStream(streamId, { fromRevision: revision, maxCount: 1 })) return event.position;
    throw new Error(`${streamId} has no event at revision ${revision}`);
  }
}
