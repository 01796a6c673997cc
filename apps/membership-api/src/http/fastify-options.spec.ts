import { bytesOf } from './fastify-options';

describe('bytesOf (BODY_LIMIT)', () => {
  it.each([
    ['512kb', 512 * 1024],
    ['1mb', 1024 * 1024],
    ['2MB', 2 * 1024 * 1024],
  ])('reads %s as %d bytes', (limit, bytes) => expect(bytesOf(limit)).toBe(bytes));

  it('names a limit it cannot read', () => expect(() => bytesOf('lots')).toThrow('BODY_LIMIT must look like 512kb or 2mb (got lots)'));
});
