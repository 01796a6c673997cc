import { partnerStreamId } from '@partner-program/domain';
import { pagesOf } from './partner-pages';

const head = (partnerId: string, events: number, position: number) => ({
  streamId: partnerStreamId(partnerId),
  revision: events - 1,
  position: BigInt(position),
});
const pages = (...args: Parameters<typeof pagesOf>) => [...pagesOf(...args)].map((page) => page.map((p) => p.partnerId));

describe('pagesOf', () => {
  it('cuts a page at the partner bound', () => {
    expect(pages([head('A', 1, 1), head('B', 1, 2), head('C', 1, 3)], { pageSize: 2, pageEvents: 100 })).toEqual([['A', 'B'], ['C']]);
  });

  it('cuts a page before the partner that would pass the event bound, and gives a larger partner a page alone', () => {
    const streams = [head('A', 4, 4), head('B', 5, 9), head('C', 20, 29), head('D', 1, 30)];
    expect(pages(streams, { pageSize: 10, pageEvents: 10 })).toEqual([['A', 'B'], ['C'], ['D']]);
  });

  it('keeps the head of each partner and skips streams that are not partners', () => {
    const streams = [head('A', 3, 5), { streamId: 'fence-1', revision: 0, position: 6n }];
    expect([...pagesOf(streams, { pageSize: 10, pageEvents: 10 })]).toEqual([[{ partnerId: 'A', revision: 2, position: 5n }]]);
  });

  it('gives no page for no stream', () => {
    expect(pages([], { pageSize: 10, pageEvents: 10 })).toEqual([]);
  });
});
