import type { UpstreamEvent } from '@partner-program/domain';
import { competency, goodStanding, msc } from '@partner-program/domain/testing';

// ── Upstream facts for read-model tests: the domain's builders (business time first), plus one
// partner shape the projector tests use everywhere ──────────────────────────────────────────────

export { booked, competency, msc, renewed, reversed, signed } from '@partner-program/domain/testing';

/**
 * A partner in good standing holding the VMC on AWS competency and MSC (so credits decide its tier).
 * Its agreement ends in 2030 by default, so the tests' renewals (to 2031) move it later.
 */
export function vmcPartner(at: string, expiresOn = '2030-12-31'): UpstreamEvent[] {
  return [...goodStanding(at, expiresOn), competency(at, 'vmc-on-aws'), msc(at, 'vmc-on-aws')];
}
