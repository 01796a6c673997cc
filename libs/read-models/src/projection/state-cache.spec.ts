import { type PartnerFold, initialState } from '@partner-program/domain';
import { StateCache } from './state-cache';

const folded = (events: number): PartnerFold => ({ ...initialState(), version: events });

describe('StateCache', () => {
  it('keeps at most maxPartners states, evicting the least recently put', () => {
    const cache = new StateCache({ maxPartners: 2 });
    cache.put('P-1', folded(1));
    cache.put('P-2', folded(1));
    cache.put('P-1', cache.take('P-1')!);
    cache.put('P-3', folded(1));
    expect([cache.take('P-2'), cache.size]).toEqual([undefined, 2]);
  });

  it('keeps the folded events under maxEvents, evicting the coldest states first', () => {
    const cache = new StateCache({ maxEvents: 10 });
    cache.put('P-1', folded(4));
    cache.put('P-2', folded(4));
    cache.put('P-3', folded(4));
    expect([cache.size, cache.events, cache.take('P-1')]).toEqual([2, 8, undefined]);
  });

  it('hands a state to one holder at a time: take removes it', () => {
    const cache = new StateCache();
    const state = folded(3);
    cache.put('P-1', state);
    expect(cache.take('P-1')).toBe(state);
    expect([cache.take('P-1'), cache.size, cache.events]).toEqual([undefined, 0, 0]);
  });

  it('does not keep a state larger than the whole event bound, nor drop the others for it', () => {
    const cache = new StateCache({ maxEvents: 10 });
    cache.put('P-1', folded(2));
    cache.put('P-big', folded(11));
    expect([cache.take('P-big'), cache.size]).toEqual([undefined, 1]);
  });
});
