import fc from 'fast-check';
import { applyMultiplier, fromHundredths, toHundredths } from './credits';

describe('exact credits', () => {
  it('converts two-decimal credits to integer hundredths exactly', () => {
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(1_000_000)).toBe(100_000_000);
    expect(fromHundredths(5_000_033)).toBe(50_000.33);
  });

  it('applies a multiplier on its decimal digits, rounding half up', () => {
    expect(applyMultiplier(10, 1.1)).toBe(11);
    expect(applyMultiplier(3_333_333, 1.5)).toBe(5_000_000);
    expect(applyMultiplier(1, 2.25)).toBe(2);
    expect(applyMultiplier(7)).toBe(7);
  });

  it('sums stay exact whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 50 }), (hundredths) => {
        const forward = hundredths.reduce((sum, h) => sum + applyMultiplier(h, 1.1), 0);
        const backward = [...hundredths].reverse().reduce((sum, h) => sum + applyMultiplier(h, 1.1), 0);
        expect(Number.isInteger(forward)).toBe(true);
        expect(forward).toBe(backward);
      }),
    );
  });
});
