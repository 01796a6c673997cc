import type { Problem } from './validation';

/** The four outcomes of one upstream message (docs/contract.md §1). */
export type IngestOutcome = 'appended' | 'duplicate' | 'invalid' | 'rejected';

export type IngestResult = Readonly<{
  /** Null when the message had no valid messageId. */
  messageId: string | null;
  outcome: IngestOutcome;
  /** Global position of the stored event (appended: the last one written; duplicate: the original). */
  position?: number;
  /** Rejection code of the domain (rejected) or `invalid`. */
  code?: string;
  reason?: string;
  problems?: readonly Problem[];
}>;
