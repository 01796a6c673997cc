import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import {
  type PartnerStatus,
  type RulesetCatalog,
  PARTNER_STREAM_PREFIX,
  evaluateStatus,
  evolveInPlace,
  hasAcceptedEvents,
  fromRecorded,
  initialState,
  partnerIdFromStreamId,
  toIsoTime,
} from '@partner-program/domain';
import type { EventStore, StreamHead } from '@partner-program/event-store';
import { EVENT_STORE, RULESET_CATALOG } from '@partner-program/platform';

// ── Every partner's status at a business time, as known at a recording time, from one snapshot ─
// The log's head is read once, with every partner stream's last event at that head (readHeads):
// each partner is then folded from its own stream up to that revision only, so whatever is
// appended while the export runs stays out of it, and the partner set is the store's at the head
// (the read models may lag). Partners are folded one at a time and handed on as they are
// evaluated: memory holds the list of stream heads (ids and two numbers each) and one partner.

export type ExportRequest = Readonly<{
  /** Business time of the status (epoch ms). */
  asOf: number;
  /** Only events recorded at or before this time (epoch ms); undefined: every event up to the head. */
  knownAt: number | undefined;
  /** Aborted when the client goes away or the service stops: the rows then throw its reason at the next partner. */
  signal: AbortSignal;
}>;

/** One partner's line of the export: the `asOf` status, the time it is known at and the last event it reflects. */
export type ExportRow = PartnerStatus & { knownAt: string | null; position: number };

export type StatusExport = Readonly<{
  /** The log position the export reflects: no event after it is read. */
  position: bigint;
  /** Partner streams at that position (a partner with nothing recorded by `knownAt` has no row). */
  partners: number;
  rows: AsyncGenerator<ExportRow>;
}>;

/** Partners evaluated between two turns of the event loop: SQLite answers synchronously, and other requests must get their turn. */
const PARTNERS_PER_TURN = 32;

@Injectable()
export class PartnerStatusExporter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULESET_CATALOG) private readonly catalog: RulesetCatalog,
  ) {}

  async start(request: ExportRequest): Promise<StatusExport> {
    const { position, streams } = await this.store.readHeads({ streamPrefix: PARTNER_STREAM_PREFIX });
    // By partner id: the same export twice is the same text, and two exports diff line by line.
    const heads = streams.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
    return { position, partners: heads.length, rows: this.rows(heads, request) };
  }

  private async *rows(heads: readonly StreamHead[], request: ExportRequest): AsyncGenerator<ExportRow> {
    for (const [index, head] of heads.entries()) {
      request.signal.throwIfAborted();
      const row = await this.rowOf(head, request);
      if (row) yield row;
      if (index % PARTNERS_PER_TURN === PARTNERS_PER_TURN - 1) await nextTurn();
    }
  }

  /** The partner's status from its events up to the head's revision recorded by `knownAt`; undefined when none was. */
  private async rowOf(head: StreamHead, { asOf, knownAt }: ExportRequest): Promise<ExportRow | undefined> {
    const state = initialState();
    let position: bigint | undefined;
    for await (const event of this.store.readStream(head.streamId, { maxCount: head.revision + 1 })) {
      if (knownAt !== undefined && Date.parse(event.metadata.recordedAt) > knownAt) continue;
      evolveInPlace(state, fromRecorded(event));
      position = event.position;
    }
    if (position === undefined || !hasAcceptedEvents(state)) return undefined;
    const status = evaluateStatus(state, this.catalog, partnerIdFromStreamId(head.streamId)!, asOf);
    return { ...status, knownAt: knownAt === undefined ? null : toIsoTime(knownAt), position: Number(position) };
  }
}
