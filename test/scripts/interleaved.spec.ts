import { type Envelope, interleaved, programme } from '../../scripts/programme-generator';

const message = (partnerId: string, n: number): Envelope => ({ messageId: `${partnerId}-${n}`, type: 'T', partnerId, occurredAt: '', source: '', data: {} });
const ids = (messages: Iterable<Envelope>) => [...messages].map((m) => m.messageId);

describe('interleaved', () => {
  it('takes one message from each of `width` partners in turn, refilling a lane when a partner runs out', () => {
    const source = [message('A', 1), message('A', 2), message('A', 3), message('B', 1), message('C', 1), message('C', 2)];
    expect(ids(interleaved(source, 2))).toEqual(['A-1', 'B-1', 'A-2', 'C-1', 'A-3', 'C-2']);
  });

  it("keeps every message once and each partner's messages in order", () => {
    const source = [...programme({ partners: 40, dealsPerPartner: 5, prefix: 'I' })];
    const mixed = [...interleaved(source, 7)];
    expect(mixed).toHaveLength(source.length);
    const byPartner = (list: Envelope[]) => {
      const groups = new Map<string, string[]>();
      for (const m of list) groups.set(m.partnerId, [...(groups.get(m.partnerId) ?? []), m.messageId]);
      return groups;
    };
    expect(byPartner(mixed)).toEqual(byPartner(source));
    expect(new Set(mixed.slice(0, 7).map((m) => m.partnerId)).size).toBe(7);
  });
});
