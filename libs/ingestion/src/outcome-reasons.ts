import { partnerIdFromStreamId } from '@partner-program/domain';
import type { Problem } from './validation';

// ── The reasons ingestion gives, worded once for a first delivery and for a replay ───────────

/** An invalid message's reason: each broken rule, with its path. */
export function invalidReason(problems: readonly Problem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
}

/** The partner (or, for another kind of stream, the stream) holding a messageId. */
export function holderOf(streamId: string): string {
  return partnerIdFromStreamId(streamId) ?? streamId;
}

export function reusedReason(messageId: string, holder: string): string {
  return `messageId ${messageId} was already used for partner ${holder}`;
}
