import { validateEnvelope } from './index';
import { LONG, NOW, expectProblems, withData, type BadInput } from './valid-envelopes.fixture';

// ── Bad-input corpus: data of credit facts ─────────────────────────────────────────────────────

const booked = (changes: Record<string, unknown>) => withData('CreditsBooked', changes);
const accelerated = (accelerator: unknown) => booked({ accelerator });

const corpus: BadInput[] = [
  ['missing dealId', booked({ dealId: undefined }), [['data.dealId', 'data.dealId is required']]],
  ['missing credits', booked({ credits: undefined }), [['data.credits', 'data.credits is required']]],
  ['credits as a string', booked({ credits: '100' }), [['data.credits', 'data.credits must be a number (got string)']]],
  ['credits as a boolean', booked({ credits: true }), [['data.credits', 'data.credits must be a number (got boolean)']]],
  ['zero credits', booked({ credits: 0 }), [['data.credits', 'data.credits must be greater than 0 (got 0)']]],
  ['negative credits', booked({ credits: -25 }), [['data.credits', 'data.credits must be greater than 0 (got -25)']]],
  ['over-precise credits 0.001', booked({ credits: 0.001 }), [['data.credits', 'data.credits must have at most 2 decimal places (got 0.001)']]],
  ['over-precise credits 10.005', booked({ credits: 10.005 }), [['data.credits', 'data.credits must have at most 2 decimal places (got 10.005)']]],
  ['tiny credits 1e-9', booked({ credits: 1e-9 }), [['data.credits', 'data.credits must have at most 2 decimal places (got 1e-9)']]],
  ['credits above 1e12', booked({ credits: 1e12 + 1 }), [['data.credits', 'data.credits must be at most 1000000000000 (got 1000000000001)']]],
  [
    'negative and over-precise credits',
    booked({ credits: -0.001 }),
    [
      ['data.credits', 'must be greater than 0 (got -0.001)'],
      ['data.credits', 'must have at most 2 decimal places (got -0.001)'],
    ],
  ],
  ['NaN credits', booked({ credits: Number.NaN }), [['data.credits', 'data.credits must be a finite number (got NaN)']]],
  ['infinite credits', booked({ credits: Number.POSITIVE_INFINITY }), [['data.credits', 'data.credits must be a finite number (got Infinity)']]],
  [
    'unknown area',
    booked({ area: 'storage' }),
    [
      [
        'data.area',
        'data.area must be a known area, one of: data-center-virtualization, cloud-management-automation, vmc-on-aws, cloud-provider, modern-applications, network-security, digital-workspace (got "storage")',
      ],
    ],
  ],
  ['area in upper case', booked({ area: 'VMC-ON-AWS' }), [['data.area', '(got "VMC-ON-AWS")']]],
  [
    'unknown lifecycle stage',
    booked({ lifecycleStage: 'grow' }),
    [['data.lifecycleStage', 'data.lifecycleStage must be a known lifecycle stage, one of: land, adopt, expand, renew (got "grow")']],
  ],
  [
    'dealId with a slash',
    booked({ dealId: 'crm/42' }),
    [['data.dealId', 'data.dealId may only contain letters, digits and . _ : @ # - (found "/" at position 4)']],
  ],
  [
    'unknown field in data',
    booked({ salesRep: 'Ann' }),
    [['data.salesRep', 'data.salesRep is not an allowed field (allowed: dealId, area, credits, accelerator, lifecycleStage)']],
  ],
  // accelerator
  [
    'multiplier 0.5',
    accelerated({ code: 'A', multiplier: 0.5 }),
    [['data.accelerator.multiplier', 'data.accelerator.multiplier must be between 1 and 10 inclusive (got 0.5)']],
  ],
  [
    'multiplier 11',
    accelerated({ code: 'A', multiplier: 11 }),
    [['data.accelerator.multiplier', 'data.accelerator.multiplier must be between 1 and 10 inclusive (got 11)']],
  ],
  [
    'multiplier with 7 decimals',
    accelerated({ code: 'A', multiplier: 1.1234567 }),
    [['data.accelerator.multiplier', 'data.accelerator.multiplier must have at most 6 decimal places (got 1.1234567)']],
  ],
  [
    'multiplier as a string',
    accelerated({ code: 'A', multiplier: '1.5' }),
    [['data.accelerator.multiplier', 'data.accelerator.multiplier must be a number (got string)']],
  ],
  ['accelerator without code', accelerated({ multiplier: 2 }), [['data.accelerator.code', 'data.accelerator.code is required']]],
  [
    '65-char accelerator code',
    accelerated({ code: LONG(65), multiplier: 2 }),
    [['data.accelerator.code', 'data.accelerator.code must be 1–64 characters long (got 65)']],
  ],
  [
    'unknown field in accelerator',
    accelerated({ code: 'A', multiplier: 2, cap: 100 }),
    [['data.accelerator.cap', 'data.accelerator.cap is not an allowed field (allowed: code, multiplier)']],
  ],
  ['accelerator as a number', accelerated(1.5), [['data.accelerator', 'data.accelerator must be an object (got number)']]],
  ['accelerator as an array', accelerated([{ code: 'A', multiplier: 2 }]), [['data.accelerator', 'data.accelerator must be an object (got array)']]],
  ['accelerator null', accelerated(null), [['data.accelerator', 'data.accelerator must be an object (got null)']]],
  // CreditsReversed
  ['CreditsReversed without dealId', withData('CreditsReversed', { dealId: undefined }), [['data.dealId', 'data.dealId is required']]],
  ['CreditsReversed with credits', withData('CreditsReversed', { credits: 5 }), [['data.credits', 'data.credits is not an allowed field (allowed: dealId)']]],
];

describe('validateEnvelope: bad credit data', () => {
  it.each(corpus)('rejects %s', (_name, body, problems) => {
    expectProblems(validateEnvelope(body, NOW), problems);
  });

  it('reports every broken rule inside the accelerator', () => {
    const body = accelerated({ code: 'a/b', multiplier: 0.5, extra: true });
    expectProblems(validateEnvelope(body, NOW), [
      ['data.accelerator.extra', 'is not an allowed field'],
      ['data.accelerator.code', 'data.accelerator.code may only contain'],
      ['data.accelerator.multiplier', 'must be between 1 and 10 inclusive (got 0.5)'],
    ]);
  });
});
