import { foldEvents } from '../as-of';
import type { PartnerEvent } from '../events/partner-event';
import { signed, trained } from '../testing/facts';
import { initialState } from './partner-state';
import { evolve } from './evolve';

describe('evolve', () => {
  it('ignores an event type it does not know (written by a newer version) but counts its revision', () => {
    const future = { type: 'PartnerRenamed', data: { name: 'x' }, meta: { messageId: 'f-1', occurredAt: '2021-01-01T00:00:00Z', source: 'crm' } } as unknown as PartnerEvent;
    const before = foldEvents([signed('2021-01-01')]);
    const after = evolve(foldEvents([signed('2021-01-01')]), future);
    expect(after.version).toBe(2);
    expect(after.agreements).toEqual(before.agreements);
  });

  it('places an out-of-order fact at its business time', () => {
    const late = trained('2021-01-05', 'vsp-foundation', 'L-1');
    const revokedEarlier = { ...trained('2021-01-10', 'vsp-foundation', 'L-1'), type: 'TrainingRevoked' } as PartnerEvent;
    const state = foldEvents([revokedEarlier, late]);
    expect(state.trainings.get('vsp-foundation')?.get('L-1')?.map((t) => t.on)).toEqual([true, false]);
    expect(initialState().version).toBe(0);
  });
});
