import { renderTable } from '../../bench/report';
import type { Figure } from '../../bench/support';

const single = (value: number, p99: number): Figure => ({
  id: 'http-single',
  label: 'single',
  value,
  unit: 'events/s',
  p99,
  target: { op: '>=', value: 5_000, text: '≥ 5,000 events/s, p99 ≤ 50 ms', p99AtMost: 50 },
});
const verdictOf = (figure: Figure) => renderTable([figure]).split('\n')[2]!.split('|').at(-2)!.trim();

describe('bench verdicts', () => {
  it('meets a target only when the rate and the p99 bound both hold', () => {
    expect(verdictOf(single(6_000, 37))).toBe('met');
    expect(verdictOf(single(6_000, 65))).toBe('**missed: p99 65 ms > 50 ms**');
    expect(verdictOf(single(4_000, 20))).toBe('**missed by 20%**');
  });

  it('reads a ≤ target as an upper bound', () => {
    const asOf: Figure = { id: 'asof', label: 'asOf', value: 60, unit: 'ms', target: { op: '<=', value: 50, text: '≤ 50 ms' } };
    expect(verdictOf(asOf)).toBe('**missed by 20%**');
    expect(verdictOf({ ...asOf, value: 12 })).toBe('met');
  });
});
