import { GENESIS_HASH, eventHash } from '@partner-program/event-store';
import { itemsOfDownload, verifyHistoryChain } from './history-chain-verifier';

type Item = Record<string, unknown> & { revision: number; hash: string; previousHash: string; data: Record<string, unknown> };

/** `count` history items of one stream as /history serves them, chained with the stores' hash. */
function history(count: number, streamId = 'partner-P-1'): Item[] {
  let previousHash = GENESIS_HASH;
  return Array.from({ length: count }, (_, revision) => {
    const split = { messageId: `m-${revision}`, occurredAt: '2026-02-01T10:00:00Z', recordedAt: `2026-02-01T10:00:0${revision}.000Z`, source: 'lms' };
    const metadata = { schemaVersion: 1, correlationId: 'req-1' };
    const data = { courseId: 'vsp-foundation', learnerId: `L-${revision}` };
    const hash = eventHash(previousHash, { streamId, revision, type: 'TrainingCompleted', data, metadata: { ...metadata, ...split } });
    const item: Item = { streamId, position: 10 + revision, revision, type: 'TrainingCompleted', ...split, data, metadata, hash, previousHash };
    previousHash = hash;
    return item;
  });
}

describe('verifyHistoryChain', () => {
  it('verifies an untouched history and reports its head', () => {
    const items = history(5);
    expect(verifyHistoryChain(items)).toEqual({ ok: true, events: 5, heads: [{ streamId: 'partner-P-1', revision: 4, hash: items[4]!.hash }] });
  });

  it('verifies a download that starts after revision 0 (a later page), taking its first previousHash as given', () => {
    expect(verifyHistoryChain(history(6).slice(3))).toMatchObject({ ok: true, events: 3 });
  });

  it('names an edited event', () => {
    const items = history(5);
    items[2]!.data['learnerId'] = 'L-FORGED';
    expect(verifyHistoryChain(items)).toMatchObject({
      ok: false,
      problem:
        'partner-P-1: revision 2 (messageId m-2) does not match its hash: its content was edited (type, data or metadata), or its revision or the event before it changed',
    });
  });

  it('names an edited split-out metadata field (recordedAt)', () => {
    const items = history(3);
    items[1]!['recordedAt'] = '2025-01-01T00:00:00.000Z';
    expect(verifyHistoryChain(items)).toMatchObject({ ok: false, problem: expect.stringContaining('revision 1 (messageId m-1) does not match its hash') });
  });

  it('names a dropped event', () => {
    const items = history(5);
    items.splice(2, 1);
    expect(verifyHistoryChain(items)).toMatchObject({
      ok: false,
      problem: 'partner-P-1: revision 2 is missing (dropped): revision 1 (messageId m-1) is followed by revision 3 (messageId m-3)',
    });
  });

  it('names the first event after a dropped one when its successors were renumbered to close the gap', () => {
    const items = history(5);
    items.splice(2, 1);
    items.slice(2).forEach((item) => (item.revision -= 1));
    items[2]!.previousHash = items[1]!.hash;
    expect(verifyHistoryChain(items)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('partner-P-1: revision 2 (messageId m-3) does not match its hash'),
    });
  });

  it('names two events whose revisions were swapped', () => {
    const items = history(5);
    const [a, b] = [items[1]!, items[2]!];
    [a.revision, b.revision] = [2, 1];
    items[1] = b;
    items[2] = a;
    b.previousHash = items[0]!.hash;
    a.previousHash = b.hash;
    expect(verifyHistoryChain(items)).toMatchObject({
      ok: false,
      problem: 'partner-P-1: revision 1 (messageId m-2) was stored as revision 2: the events were reordered',
    });
  });

  it('names items out of order in the file', () => {
    const items = history(4);
    [items[1], items[2]] = [items[2]!, items[1]!];
    expect(verifyHistoryChain(items)).toMatchObject({
      ok: false,
      problem: 'partner-P-1: revision 1 (messageId m-1) is out of order: it comes after revision 2 (messageId m-2)',
    });
  });

  it('names a previousHash that is not the previous event’s hash', () => {
    const items = history(3);
    items[2]!.previousHash = GENESIS_HASH;
    expect(verifyHistoryChain(items)).toMatchObject({
      ok: false,
      problem: 'partner-P-1: revision 2 (messageId m-2) does not chain to revision 1 (messageId m-1): its previousHash is not that event’s hash'.replace(
        '’',
        "'",
      ),
    });
  });

  it('requires revision 0 to start from the genesis hash', () => {
    const items = history(2);
    items[0]!.previousHash = '1'.repeat(64);
    expect(verifyHistoryChain(items)).toMatchObject({ ok: false, problem: expect.stringContaining('revision 0 (messageId m-0) does not start the chain') });
  });

  it('follows each stream of a file holding several partners', () => {
    const verdict = verifyHistoryChain([...history(2, 'partner-A'), ...history(3, 'partner-B')]);
    expect(verdict).toMatchObject({
      ok: true,
      events: 5,
      heads: [
        { streamId: 'partner-A', revision: 1 },
        { streamId: 'partner-B', revision: 2 },
      ],
    });
  });

  it('refuses what is not a history item, an item without a hash and an empty file', () => {
    const { hash: _hash, ...noHashField } = history(1)[0]!;
    expect(verifyHistoryChain([noHashField])).toMatchObject({ ok: false, problem: 'item 1 is not a history item (no hash)' });
    expect(verifyHistoryChain([{ ...history(1)[0]!, hash: null }])).toMatchObject({
      ok: false,
      problem: expect.stringContaining('has no hash: it was stored before the chain'),
    });
    expect(verifyHistoryChain([])).toMatchObject({ ok: false, problem: 'the file holds no history item' });
  });
});

describe('itemsOfDownload', () => {
  const items = history(4);
  const page = (from: number, to: number) => ({ partnerId: 'P-1', items: items.slice(from, to), nextFrom: to < 4 ? to : null });

  it('reads one page, an array of pages, an array of items and NDJSON of pages or of items', () => {
    expect(itemsOfDownload(JSON.stringify(page(0, 4)))).toEqual(items);
    expect(itemsOfDownload(JSON.stringify([page(0, 2), page(2, 4)]))).toEqual(items);
    expect(itemsOfDownload(JSON.stringify(items))).toEqual(items);
    expect(itemsOfDownload(`${JSON.stringify(page(0, 2))}\n${JSON.stringify(page(2, 4))}\n`)).toEqual(items);
    expect(itemsOfDownload(items.map((i) => JSON.stringify(i)).join('\n'))).toEqual(items);
  });

  it('names the line that is not JSON', () => {
    expect(() => itemsOfDownload(`${JSON.stringify(page(0, 2))}\n{oops\n`)).toThrow(/^line 2 is not JSON/);
  });
});
