import { validateEnvelope } from './index';
import { LONG, NOW, envelope, expectProblems, withData, type BadInput } from './valid-envelopes.fixture';

// ── Bad-input corpus: non-objects, huge and path-like values, control characters, pollution ──

const reversed = (overrides: Record<string, unknown>) => envelope('CreditsReversed', overrides);
const IDS = 'may only contain letters, digits and . _ : @ # -';

const corpus: BadInput[] = [
  ['a null body', null, [['', 'body must be a JSON object (got null)']]],
  ['an array body', [reversed({})], [['', 'body must be a JSON object (got array)']]],
  ['a string body', JSON.stringify(reversed({})), [['', 'body must be a JSON object (got string)']]],
  ['a number body', 42, [['', 'body must be a JSON object (got number)']]],
  ['an undefined body', undefined, [['', 'body must be a JSON object (got undefined)']]],
  ['a Date body', new Date(NOW), [['', 'body must be a JSON object (got object)']]],
  ['a 10,000-char messageId', reversed({ messageId: LONG(10_000) }), [['messageId', 'messageId must be 1–128 characters long (got 10000)']]],
  [
    'a 10,000-char path-like messageId',
    reversed({ messageId: LONG(10_000, '/') }),
    [
      ['messageId', 'must be 1–128 characters long (got 10000)'],
      ['messageId', 'messageId may only contain letters, digits and . _ : - (found "/" at position 1)'],
    ],
  ],
  [
    'a 10,000-char reason',
    withData('AgreementTerminated', { reason: LONG(10_000) }),
    [['data.reason', 'data.reason must be 1–500 characters long (got 10000)']],
  ],
  ['a 10,000-char unknown area', withData('CreditsBooked', { area: LONG(10_000) }), [['data.area', `(got "${LONG(40)}"… (10000 characters))`]]],
  ['dealId ../../etc/passwd', withData('CreditsReversed', { dealId: '../../etc/passwd' }), [['data.dealId', `data.dealId ${IDS} (found "/" at position 3)`]]],
  ['agreementId a/b', withData('AgreementRenewed', { agreementId: 'a/b' }), [['data.agreementId', `data.agreementId ${IDS} (found "/" at position 2)`]]],
  [
    'courseId with a backslash',
    withData('TrainingRevoked', { courseId: '..\\..\\boot.ini' }),
    [['data.courseId', `data.courseId ${IDS} (found "\\\\" at position 3)`]],
  ],
  ['learnerId with a space', withData('TrainingRevoked', { learnerId: 'L 77' }), [['data.learnerId', `data.learnerId ${IDS} (found " " at position 2)`]]],
  ['partnerId ../P-1', reversed({ partnerId: '../P-1' }), [['partnerId', 'partnerId may only contain letters, digits and . _ - (found "/" at position 3)']]],
  [
    'messageId with NUL',
    reversed({ messageId: 'm\u00001' }),
    [['messageId', 'messageId may only contain letters, digits and . _ : - (found U+0000 at position 2)']],
  ],
  [
    'source with a newline',
    reversed({ source: 'crm\nX-Injected: 1' }),
    [['source', 'source may only contain printable characters (found U+000A at position 4)']],
  ],
  ['source with DEL', reversed({ source: 'crm\u007f' }), [['source', 'source may only contain printable characters (found U+007F at position 4)']]],
  ['source with a C1 control', reversed({ source: '\u009bcrm' }), [['source', 'source may only contain printable characters (found U+009B at position 1)']]],
  ['dealId with a tab', withData('CreditsReversed', { dealId: 'D\t1' }), [['data.dealId', `data.dealId ${IDS} (found U+0009 at position 2)`]]],
  [
    'accelerator code with ESC',
    withData('CreditsBooked', { accelerator: { code: '\u001b[31m', multiplier: 2 } }),
    [['data.accelerator.code', `data.accelerator.code ${IDS} (found U+001B at position 1)`]],
  ],
  [
    '__proto__ at the top level',
    JSON.parse(`{"__proto__":{"admin":true},${JSON.stringify(reversed({})).slice(1)}`),
    [['__proto__', '__proto__ is a reserved name and never a field']],
  ],
  [
    '__proto__ in data',
    { ...reversed({}), data: JSON.parse('{"dealId":"D-1","__proto__":{"credits":1}}') },
    [['data.__proto__', 'data.__proto__ is a reserved name and never a field']],
  ],
  [
    '__proto__ in the accelerator',
    withData('CreditsBooked', { accelerator: JSON.parse('{"code":"A","multiplier":2,"__proto__":{"multiplier":99}}') }),
    [['data.accelerator.__proto__', 'data.accelerator.__proto__ is a reserved name and never a field']],
  ],
  [
    'constructor in data',
    withData('CreditsReversed', { constructor: { name: 'x' } }),
    [['data.constructor', 'data.constructor is a reserved name and never a field']],
  ],
  ['valueOf at the top level', { ...reversed({}), valueOf: 1 }, [['valueOf', 'valueOf is a reserved name and never a field']]],
  ['an unknown key with a control character', { ...reversed({}), 'x\ny': 1 }, [['x\ny', '"x\\ny" is not an allowed field']]],
  ['prototype at the top level', { ...reversed({}), prototype: {} }, [['prototype', 'prototype is not an allowed field']]],
  [
    'toString and hasOwnProperty in data',
    withData('CreditsReversed', { toString: 1, hasOwnProperty: 'x' }),
    [
      ['data.toString', 'data.toString is a reserved name and never a field'],
      ['data.hasOwnProperty', 'data.hasOwnProperty is a reserved name and never a field'],
    ],
  ],
  ['a Date as data', reversed({ data: new Date(NOW) }), [['data', 'data must be plain JSON data (got Date)']]],
  ['a function as dealId', withData('CreditsReversed', { dealId: () => 'D-1' }), [['data.dealId', 'data.dealId must be plain JSON data (got function)']]],
  [
    'a Map as the accelerator',
    withData('CreditsBooked', { accelerator: new Map([['code', 'A']]) }),
    [['data.accelerator', 'data.accelerator must be plain JSON data (got Map)']],
  ],
];

describe('validateEnvelope: hostile input', () => {
  it.each(corpus)('rejects %s', (_name, body, problems) => {
    expectProblems(validateEnvelope(body, NOW), problems);
  });

  it('never lets __proto__ change a prototype', () => {
    const body = JSON.parse('{"__proto__":{"polluted":true},"data":{"__proto__":{"polluted":true}}}');
    validateEnvelope(body, NOW);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('does not coerce types: numeric strings and numbers stay what they are', () => {
    const result = validateEnvelope(withData('ProgrammeFeePaid', { amount: '12', currency: 840 }), NOW);
    expectProblems(result, [
      ['data.amount', 'must be a number (got string)'],
      ['data.currency', 'must be a string (got number)'],
    ]);
  });

  it('survives deeply nested values and reports them by kind', () => {
    let nested: unknown = 'D-1';
    for (let i = 0; i < 100_000; i++) nested = [nested];
    const result = validateEnvelope({ ...reversed({}), data: { dealId: nested } }, NOW);
    expectProblems(result, [['data.dealId', 'data.dealId must be a string (got array)']]);
  });

  it('keeps messages short whatever the size of the input', () => {
    const huge = LONG(10_000, '/');
    const body = { ...withData('AgreementSigned', { agreementId: huge, businessModels: [huge, huge] }), partnerId: huge, [huge]: huge };
    const result = validateEnvelope(body, NOW);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => p.path)).toEqual(expect.arrayContaining([huge, 'partnerId', 'data.agreementId', 'data.businessModels']));
    for (const { message } of result.problems) expect(message.length).toBeLessThan(300);
  });
});
