import {
  type AreaId,
  type AreaStatus,
  type EvidenceFact,
  type EvidencedStatus,
  type PartnerFold,
  type PartnerStatus,
  type RequirementResult,
  evolveInPlace,
  fromRecorded,
} from '@partner-program/domain';
import type { StoredEvent } from '@partner-program/event-store';

// ── Evidence with the store's metadata ─────────────────────────────────────────────────────────
// The domain names the messages behind a status; an auditor also needs where and when each was
// stored. The fold keeps, per event folded, its position and recordedAt (the domain has no
// positions), so they come from the very events the status was evaluated from, not a second read.

/** What the store adds to a folded event, at the index of its domain revision. */
export type EventStamp = Readonly<{ position: number; recordedAt: string }>;

export type StoredFact = Readonly<{ messageId: string; position: number; type: string; occurredAt: string; recordedAt: string; source: string; why: string }>;

type StoredEvidence = Readonly<{ facts: StoredFact[]; missing: string[] }>;

/** A status whose every requirement and area carries its evidence with the store's metadata. */
export type StoredEvidenceStatus = Omit<PartnerStatus, 'requirements' | 'areas'> & {
  requirements: (RequirementResult & { evidence: StoredEvidence })[];
  areas: Record<AreaId, AreaStatus & { evidence: StoredEvidence }>;
};

/** A partner's fold as the auditor's routes keep it: the state, the last position folded, each folded event's stamps. */
export type Folded = { partner: PartnerFold; lastPosition: bigint; stamps: EventStamp[] };

/** Folds one stored event, keeping its stamps: the one evolve of every fold the auditor reads. */
export function foldStored(folded: Folded, event: StoredEvent): Folded {
  evolveInPlace(folded.partner, fromRecorded(event));
  folded.stamps.push({ position: Number(event.position), recordedAt: event.metadata.recordedAt });
  folded.lastPosition = event.position;
  return folded;
}

/** The evidence's messages with their type, times, source and position, from the fold's own events. */
export function withStoredFacts(status: EvidencedStatus, folded: Folded): StoredEvidenceStatus {
  const stored = ({ facts, missing }: { facts: EvidenceFact[]; missing: string[] }) => ({ facts: facts.map((fact) => storedFact(fact, folded)), missing });
  return {
    ...status,
    requirements: status.requirements.map((r) => ({ ...r, evidence: stored(r.evidence) })),
    areas: Object.fromEntries(Object.entries(status.areas).map(([area, s]) => [area, { ...s, evidence: stored(s.evidence) }])) as StoredEvidenceStatus['areas'],
  };
}

function storedFact({ messageId, why }: EvidenceFact, { partner, stamps }: Folded): StoredFact {
  const message = partner.messages.get(messageId);
  const stamp = message && stamps[message.revision];
  // Every fact the domain names was folded from this stream: anything else is a bug, not bad input.
  if (!message || !stamp) throw new Error(`evidence names message ${messageId}, which the fold did not read`);
  const { type, meta } = message.event;
  return { messageId, position: stamp.position, type, occurredAt: meta.occurredAt, recordedAt: stamp.recordedAt, source: meta.source, why };
}
