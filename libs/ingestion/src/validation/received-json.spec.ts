import { MAX_JSON_DEPTH, isExact, readJsonBytes, readJsonText } from './received-json';

describe('readJsonBytes / readJsonText', () => {
  it('reads valid JSON to the value JSON.parse gives, with no problems', () => {
    const text = '{"a":[1,2.5,{"b":null,"c":true}],"d":"x"}';
    expect(readJsonText(text)).toEqual({ ok: true, text, value: JSON.parse(text), problems: [] });
  });

  it('refuses invalid UTF-8 instead of turning it into U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('{"source":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(readJsonBytes(bytes)).toMatchObject({ ok: false, problems: [{ path: '', message: 'body is not valid UTF-8' }] });
    expect(readJsonBytes(Buffer.from('{"source":"é"}'))).toMatchObject({ ok: true, value: { source: 'é' } });
  });

  it('names malformed JSON', () => {
    expect(readJsonText('{"a": ')).toMatchObject({ ok: false, text: '{"a": ', problems: [{ path: '', message: expect.stringMatching(/^malformed JSON: /) }] });
  });

  it('names every duplicate key by its path, also when escaped differently', () => {
    const reading = readJsonText('{"partnerId":"P-1","data":{"credits":1,"credits":1000000},"partnerId":"P-2","x":{"\\u0061":1,"a":2}}');
    expect(reading.problems).toEqual([
      { path: 'data.credits', message: 'data.credits is given more than once (duplicate key)' },
      { path: 'partnerId', message: 'partnerId is given more than once (duplicate key)' },
      { path: 'x.a', message: 'x.a is given more than once (duplicate key)' },
    ]);
  });

  it('allows the same key in different objects', () => {
    expect(readJsonText('[{"a":1},{"a":2}]').problems).toEqual([]);
  });

  it('names a number whose double is not the number written', () => {
    const reading = readJsonText('{"data":{"credits":1.000000000000000000001,"big":12345678901234567890,"ok":[1.10,1e2,0.1,-0,2.50E-1]}}');
    expect(reading.problems).toEqual([
      { path: 'data.credits', message: 'data.credits is not exactly representable as a number (1.000000000000000000001 would be read as 1)' },
      { path: 'data.big', message: 'data.big is not exactly representable as a number (12345678901234567890 would be read as 12345678901234567000)' },
    ]);
  });

  it.each([
    ['1.10', true],
    ['1e2', true],
    ['100', true],
    ['0.29', true],
    ['-0.0', true],
    ['1.5e-7', true],
    ['9007199254740993', false],
    ['1e400', false],
    ['1e-400', false],
    ['0.1000000000000000055511151231257827', false],
  ])('isExact(%s) is %s', (literal, exact) => expect(isExact(literal)).toBe(exact));

  it('reads 10,000-deep nesting without overflowing the stack, naming where it gets too deep', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const reading = readJsonText(deep);
    expect(reading.ok).toBe(true);
    expect(reading.problems).toEqual([
      { path: Array(MAX_JSON_DEPTH).fill('0').join('.'), message: expect.stringMatching(new RegExp(`nests deeper than ${MAX_JSON_DEPTH} levels$`)) },
    ]);
  });

  it('gives each batch item its own source text and problems, with paths inside the item', () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const text = `{ "events": [ {"messageId":"a"} ,\n  {"data":{"credits":1,"credits":2}}, ${deep}, "x", 1.000000000000000000001 ] }`;
    const reading = readJsonText(text, { itemsOf: 'events' });
    if (!reading.ok) throw new Error('expected JSON');
    expect(reading.problems).toEqual([]);
    expect(reading.items!.map((item) => item.text)).toEqual([
      '{"messageId":"a"}',
      '{"data":{"credits":1,"credits":2}}',
      deep,
      '"x"',
      '1.000000000000000000001',
    ]);
    expect(reading.items!.map((item) => item.problems.map((p) => p.path))).toEqual([
      [],
      ['data.credits'],
      [
        Array(MAX_JSON_DEPTH - 2)
          .fill('0')
          .join('.'),
      ],
      [],
      [''],
    ]);
    expect(reading.items![1]!.problems[0]!.message).toBe('data.credits is given more than once (duplicate key)');
  });

  it('keeps problems outside the items with the body', () => {
    const reading = readJsonText('{"events":[{}],"events":[{},{}]}', { itemsOf: 'events' });
    expect(reading.problems).toEqual([{ path: 'events', message: 'events is given more than once (duplicate key)' }]);
  });
});
