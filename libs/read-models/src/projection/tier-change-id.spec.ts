import { tierChangeId } from './tier-change-id';

// Golden: the id of a tier change is stored, and published as the `pp-change-id` header that
// consumers deduplicate on; changing its form would make them see every past change anew.
describe('tierChangeId (golden)', () => {
  it('is partner, area, time and both tiers (none for no tier)', () => {
    expect(tierChangeId('P-00042', { area: 'vmc-on-aws', at: '2026-03-01T00:00:00.000Z', from: null, to: 'partner' })).toBe(
      'P-00042|vmc-on-aws|2026-03-01T00:00:00.000Z|none|partner',
    );
    expect(tierChangeId('P-7', { area: 'cloud-provider', at: '2027-02-01T00:00:00.000Z', from: 'principal', to: 'advanced' })).toBe(
      'P-7|cloud-provider|2027-02-01T00:00:00.000Z|principal|advanced',
    );
  });
});
