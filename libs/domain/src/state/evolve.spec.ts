import { foldEvents } from '../as-of';
import type { PartnerEvent } from '../events/partner-event';
import { signed, trained } from '../testing/facts';
import { type MessageRecord, type PartnerState, initialState } from './partner-state';
import { evolveInPlace } from './evolve';

describe('evolveInPlace', () => {
  it('ignores an event type it does not know (written by a newer version) but counts its revision', () => {
    const future = {
      type: 'PartnerRenamed',
      data: { name: 'x' },
      meta: { messageId: 'f-1', occurredAt: '2021-01-01T00:00:00Z', source: 'crm' },
    } as unknown as PartnerEvent;
    const signing = signed('2021-01-01');
    const before = foldEvents([signing]);
    const after = foldEvents([signing]);
    evolveInPlace(after, future);
    expect(after.version).toBe(2);
    expect(after.agreements).toEqual(before.agreements);
  });

  it('places an out-of-order fact at its business time', () => {
    const late = trained('2021-01-05', 'vsp-foundation', 'L-1');
    const revokedEarlier = { ...trained('2021-01-10', 'vsp-foundation', 'L-1'), type: 'TrainingRevoked' } as PartnerEvent;
    const state = foldEvents([revokedEarlier, late]);
    expect(
      state.trainings
        .get('vsp-foundation')
        ?.get('L-1')
        ?.map((t) => t.on),
    ).toEqual([true, false]);
    expect(initialState().version).toBe(0);
  });
});

// Checked by the compiler (npm run typecheck): a reader's PartnerState cannot be written, only
// the PartnerFold that evolveInPlace extends. Never called.
function readersCannotWrite(state: PartnerState, record: MessageRecord): void {
  // @ts-expect-error a PartnerState's maps are read-only
  state.messages.set('m-1', record);
  // @ts-expect-error and so are its fields
  state.version = 1;
}
void readersCannotWrite;
