import { REJECTION_CODES, UPSTREAM_EVENT_TYPES } from '@partner-program/domain';
import { ids, readDoc, tableAfterHeader } from './markdown-table';

// docs/contract.md is the contract other systems code against: every type and refusal code the
// code knows is documented, and nothing documented is unknown to the code.

const doc = readDoc('contract.md');

describe('docs/contract.md and the code', () => {
  it('documents the data of every upstream event type, in the order of the code', () => {
    expect(tableAfterHeader(doc, 'type').map(([type]) => ids(type)[0])).toEqual([...UPSTREAM_EVENT_TYPES]);
  });

  it('documents every rejection code, in the order of the code', () => {
    expect(tableAfterHeader(doc, 'code').map(([code]) => ids(code)[0])).toEqual([...REJECTION_CODES]);
  });

  it('names the envelope fields the validation checks', () => {
    expect(tableAfterHeader(doc, 'field').map(([field]) => ids(field)[0])).toEqual(['messageId', 'type', 'partnerId', 'occurredAt', 'source', 'data']);
  });
});
