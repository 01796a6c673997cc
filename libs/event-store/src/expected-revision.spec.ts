import fc from 'fast-check';
import { assertExpectedRevision, firstRevisionAfter, isRevisionConflict, type StreamRevision } from './expected-revision';

describe('expected revision rules', () => {
  const actual = fc.oneof(fc.constant<StreamRevision>('no_stream'), fc.nat({ max: 1_000_000 }));

  it('any never conflicts', () => fc.assert(fc.property(actual, (a) => !isRevisionConflict('any', a))));

  it('no_stream accepts only a missing stream; stream_exists only an existing one', () =>
    fc.assert(
      fc.property(actual, (a) => {
        expect(isRevisionConflict('no_stream', a)).toBe(a !== 'no_stream');
        expect(isRevisionConflict('stream_exists', a)).toBe(a === 'no_stream');
      }),
    ));

  it('a number accepts exactly that revision', () =>
    fc.assert(fc.property(fc.nat({ max: 1_000_000 }), actual, (e, a) => isRevisionConflict(e, a) === (a !== e))));

  it('the next event goes right after the actual revision', () => {
    expect(firstRevisionAfter('no_stream')).toBe(0);
    expect(firstRevisionAfter(41)).toBe(42);
  });

  it.each([-1, 1.5, Number.NaN, 'nope', undefined, 2 ** 60])('rejects %p as an expected revision', (bad) => {
    expect(() => assertExpectedRevision(bad)).toThrow(RangeError);
  });
});
