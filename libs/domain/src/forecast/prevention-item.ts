import type { AreaId } from '../vocabulary';

// ── One thing to do to prevent a forecast drop (a leaf module: stored events carry it) ───────

export const PREVENTION_ACTIONS = [
  'book-credits',
  'renew-competency',
  'renew-msc',
  'renew-agreement',
  'complete-training',
  'complete-due-diligence',
  'pay-programme-fee',
] as const;
export type PreventionAction = (typeof PREVENTION_ACTIONS)[number];

/** One thing to do before `before` (the moment of the drop); all of a change's items are needed. */
export type Prevention = Readonly<{
  action: PreventionAction;
  /** ISO time of the drop: done any time before it (credits: booked within the window before it). */
  before: string;
  text: string;
  area?: AreaId;
  /** Effective credits (after accelerators) still missing in the window at `before`. */
  credits?: number;
  /** Any one of these (a partner or advanced tier); a principal's needed competencies come one per item. */
  competencies?: readonly string[];
  msc?: string;
  requirement?: string;
  courseId?: string;
  /** More learners who must hold `courseId` at `before`. */
  learners?: number;
}>;
