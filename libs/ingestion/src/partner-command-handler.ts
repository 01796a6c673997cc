import {
  type Decision,
  type PartnerCommand,
  type PartnerEvent,
  type PartnerFold,
  type RulesetCatalog,
  decide,
  evolveInPlace,
  fromRecorded,
  initialState,
  partnerStreamId,
} from '@partner-program/domain';
import { type EventStore, KeyedMutex, StreamStateCache, WrongExpectedRevisionError, pause } from '@partner-program/event-store';
import { type CommandContext, toNewEvent } from './recorded-events';

// ── The command path: cached state → decide → append with expected revision ──────────────────
// States stay in an LRU and are trusted optimistically: another writer (a second process) can
// only have made a cached state stale by appending, which the append's expected revision catches,
// and a decision that appends nothing is checked against the stream's revision. So a warm command
// reads nothing before its append; a cold one folds the stream once.
// Several commands for one partner are decided one after the other on the evolving state and
// appended together: one atomic append (and one fsync) instead of one per message.
// The domain's evolveInPlace changes the state it is given, which is safe here because every
// use of a partner's cached state happens under that partner's lock, and a failed append drops it.

export type HandledCommand = Readonly<{
  decision: Decision;
  /**
   * Global positions of the events appended for it (accepted, or a refusal recorded now), or of
   * the event holding the original outcome (a duplicate, or a refusal recorded before).
   */
  positions: readonly bigint[];
}>;

export type PartnerCommandHandlerOptions = Readonly<{ cacheSize?: number; maxConflictRetries?: number }>;

type Decided = { decisions: Decision[]; events: PartnerEvent[]; owners: number[]; state: PartnerFold; firstNewRevision: number };

export class PartnerCommandHandler {
  private readonly cache: StreamStateCache<PartnerFold>;
  private readonly locks = new KeyedMutex();
  private readonly maxRetries: number;

  constructor(
    private readonly store: EventStore,
    /** The programme's rulesets, which the decider applies (when a renewal notice is due). */
    private readonly catalog: RulesetCatalog,
    options: PartnerCommandHandlerOptions = {},
  ) {
    this.maxRetries = options.maxConflictRetries ?? 10;
    this.cache = new StreamStateCache<PartnerFold>({
      store,
      initialState,
      evolve: (state, event) => {
        evolveInPlace(state, fromRecorded(event));
        return state;
      },
      maxEntries: options.cacheSize ?? 10_000,
    });
  }

  async handle(command: PartnerCommand, context: CommandContext = {}): Promise<HandledCommand> {
    const [handled] = await this.handleMany(command.partnerId, [command], [context]);
    return handled!;
  }

  /**
   * Decides `commands` (all for `partnerId`) in order and appends every accepted event at once;
   * `contexts[i]` is the context of `commands[i]` (they may come from several requests).
   */
  handleMany(partnerId: string, commands: readonly PartnerCommand[], contexts: readonly CommandContext[] = []): Promise<HandledCommand[]> {
    const streamId = partnerStreamId(partnerId);
    return this.locks.run(streamId, async () => {
      try {
        return await this.decideAndAppend(streamId, commands, contexts);
      } catch (error) {
        this.cache.forget(streamId);
        throw error;
      }
    });
  }

  private async decideAndAppend(streamId: string, commands: readonly PartnerCommand[], contexts: readonly CommandContext[]): Promise<HandledCommand[]> {
    for (let attempt = 0, trustCache = true; ; attempt++) {
      const cached = trustCache ? this.cache.peek(streamId) : undefined;
      const { state, revision } = cached ?? (await this.cache.load(streamId));
      const decided = decideAll(commands, state, revision === 'no_stream' ? 0 : revision + 1, this.catalog);
      if (decided.events.length === 0) {
        // Duplicates and refusals recorded before append nothing: no expected revision would catch a stale state.
        if (cached && (await this.store.streamRevision(streamId)) !== revision) {
          this.cache.forget(streamId);
          trustCache = false;
          continue;
        }
        return this.results(streamId, decided, []);
      }
      try {
        const expectedRevision = revision === 'no_stream' ? 'no_stream' : revision;
        const appended = await this.store.append(
          streamId,
          decided.events.map((event, i) => toNewEvent(event, contexts[decided.owners[i]!])),
          { expectedRevision },
        );
        this.cache.remember(streamId, decided.state, appended.nextExpectedRevision);
        return this.results(streamId, decided, appended.positions);
      } catch (error) {
        // Another process appended first: the cached state already holds our undecided events, so
        // drop it, reload what the other wrote and decide again.
        this.cache.forget(streamId);
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.maxRetries) throw error;
        // Random backoff: two writers retrying in lockstep would keep colliding.
        await pause(Math.random() * 2 * (attempt + 1));
      }
    }
  }

  private async results(streamId: string, decided: Decided, positions: readonly bigint[]): Promise<HandledCommand[]> {
    return Promise.all(
      decided.decisions.map(async (decision, index): Promise<HandledCommand> => {
        if (decision.kind !== 'duplicate' && decision.events.length > 0)
          return { decision, positions: positions.filter((_, i) => decided.owners[i] === index) };
        const revision = decision.kind === 'accepted' ? undefined : decision.revision;
        if (revision === undefined) return { decision, positions: [] };
        const appendedNow = revision >= decided.firstNewRevision;
        const position = appendedNow ? positions[revision - decided.firstNewRevision]! : await this.positionOf(streamId, revision);
        return { decision, positions: [position] };
      }),
    );
  }

  private async positionOf(streamId: string, revision: number): Promise<bigint> {
    for await (const event of this.store.readStream(streamId, { fromRevision: revision, maxCount: 1 })) return event.position;
    throw new Error(`${streamId} has no event at revision ${revision}`);
  }
}

/** Each command decided on the state left by the ones before it (so a batch sees its own events). */
function decideAll(commands: readonly PartnerCommand[], state: PartnerFold, firstNewRevision: number, catalog: RulesetCatalog): Decided {
  const decisions: Decision[] = [];
  const events: PartnerEvent[] = [];
  const owners: number[] = [];
  commands.forEach((command, index) => {
    const decision = decide(command, state, catalog);
    decisions.push(decision);
    if (decision.kind === 'duplicate') return;
    // Accepted facts and first refusals alike are stored, so a later command sees both.
    for (const event of decision.events) {
      evolveInPlace(state, event);
      events.push(event);
      owners.push(index);
    }
  });
  return { decisions, events, owners, state, firstNewRevision };
}
