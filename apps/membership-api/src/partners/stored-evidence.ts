import {
  type AreaId,
  type AreaStatus,
  type EvidenceFact,
  type EvidencedStatus,
  type PartnerState,
  type PartnerStatus,
  type RequirementResult,
} from '@partner-program/domain';

// ── Evidence with the store's metadata ─────────────────────────────────────────────────────────
// The domain names the messages behind a status; an auditor also needs where and when each was
// stored. The service's fold keeps, per event folded, its position and recordedAt (the domain has
// no positions), so they come from the very events the status was evaluated from, not a second read.

/** What the store adds to a folded event, at the index of its domain revision. */
export type EventStamp = Readonly<{ position: number; recordedAt: string }>;

export type StoredFact = Readonly<{ messageId: string; position: number; type: string; occurredAt: string; recordedAt: string; source: string; why: string }>;

type StoredEvidence = Readonly<{ facts: StoredFact[]; missing: string[] }>;

/** A status whose every requirement and area carries its evidence with the store's metadata. */
export type StoredEvidenceStatus = Omit<PartnerStatus, 'requirements' | 'areas'> & {
  requirements: (RequirementResult & { evidence: StoredEvidence })[];
  areas: Record<AreaId, AreaStatus & { evidence: StoredEvidence }>;
};

/** The evidence's messages with their type, times, source and position, from the fold's own events. */
export function withStoredFacts(status: EvidencedStatus, partner: PartnerState, stamps: readonly EventStamp[]): StoredEvidenceStatus {
  const stored = ({ facts, missing }: { facts: EvidenceFact[]; missing: string[] }) => ({
    facts: facts.map((fact) => storedFact(fact, partner, stamps)),
    missing,
  });
  return {
    ...status,
    requirements: status.requirements.map((r) => ({ ...r, evidence: stored(r.evidence) })),
    areas: Object.fromEntries(Object.entries(status.areas).map(([area, s]) => [area, { ...s, evidence: stored(s.evidence) }])) as StoredEvidenceStatus['areas'],
  };
}

function storedFact({ messageId, why }: EvidenceFact, partner: PartnerState, stamps: readonly EventStamp[]): StoredFact {
  const message = partner.messages.get(messageId);
  const stamp = message && stamps[message.revision];
  // Every fact the domain names was folded from this stream: anything else is a bug, not bad input.
  if (!message || !stamp) throw new Error(`evidence names message ${messageId}, which the fold did not read`);
  const { type, meta } = message.event;
  return { messageId, position: stamp.position, type, occurredAt: meta.occurredAt, recordedAt: stamp.recordedAt, source: meta.source, why };
}
