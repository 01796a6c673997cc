import fc from 'fast-check';
import { partnerIdFromStreamId, partnerStreamId } from './partner-stream';

describe('partner stream ids', () => {
  it('maps partner ids to partner-<id> and back', () => {
    expect(partnerStreamId('42')).toBe('partner-42');
    fc.assert(fc.property(fc.string({ minLength: 1 }), (id) => partnerIdFromStreamId(partnerStreamId(id)) === id));
  });

  it('rejects an empty id and ignores streams that are not partner streams', () => {
    expect(() => partnerStreamId('')).toThrow(RangeError);
    expect(partnerIdFromStreamId('invoice-1')).toBeUndefined();
    expect(partnerIdFromStreamId('partner-')).toBeUndefined();
  });
});
