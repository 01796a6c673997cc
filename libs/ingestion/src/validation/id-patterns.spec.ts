import { MESSAGE_ID, OPEN_ID, PARTNER_ID, POSITION_TEXT, idPattern } from './id-patterns';

describe('the id forms', () => {
  it.each([
    [MESSAGE_ID, 'lms-1:2026.a_b', 128],
    [PARTNER_ID, 'P-00042.x_y', 64],
    [OPEN_ID, 'deal#7@crm:a.b_c-d', 128],
  ])('accept their charset up to their length (%#)', (kind, sample, longest) => {
    expect(idPattern(kind).test(sample)).toBe(true);
    expect(idPattern(kind).test('a'.repeat(longest))).toBe(true);
    expect(idPattern(kind).test('a'.repeat(longest + 1))).toBe(false);
  });

  it('refuse empty ids, slashes, spaces and control characters in every form', () => {
    for (const text of ['', 'a/b', '../etc', 'a b', 'a\u0000']) {
      for (const kind of [MESSAGE_ID, PARTNER_ID, OPEN_ID]) expect(idPattern(kind).test(text)).toBe(false);
    }
  });

  it('keep the partnerId charset narrower than the messageId one', () => {
    expect(idPattern(MESSAGE_ID).test('a:b')).toBe(true);
    expect(idPattern(PARTNER_ID).test('a:b')).toBe(false);
  });

  it('read a position as up to 19 digits', () => {
    expect(['0', '42', '9'.repeat(19)].every((text) => POSITION_TEXT.test(text))).toBe(true);
    expect(['', '-1', '1.5', '1'.repeat(20), ' 1'].some((text) => POSITION_TEXT.test(text))).toBe(false);
  });
});
