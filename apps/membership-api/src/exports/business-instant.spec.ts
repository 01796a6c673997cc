import { businessInstant } from './business-instant';

describe('businessInstant', () => {
  const iso = (text: string, tz?: string) => new Date(businessInstant(text, tz)).toISOString();

  it('reads a date as the last millisecond of that day, in UTC by default', () => {
    expect(iso('2026-03-10')).toBe('2026-03-10T23:59:59.999Z');
    expect(iso('2028-02-28')).toBe('2028-02-28T23:59:59.999Z');
  });

  it('ends the day where the zone ends it, across DST changes', () => {
    expect(iso('2026-03-10', 'America/New_York')).toBe('2026-03-11T03:59:59.999Z');
    // Europe/Berlin leaves CET for CEST in the night of 28-29 March 2026: that night's midnight is still CET.
    expect(iso('2026-03-28', 'Europe/Berlin')).toBe('2026-03-28T22:59:59.999Z');
    expect(iso('2026-03-29', 'Europe/Berlin')).toBe('2026-03-29T21:59:59.999Z');
    expect(iso('2026-12-31', 'Asia/Kolkata')).toBe('2026-12-31T18:29:59.999Z');
  });

  it('takes a timestamp as written, whatever the zone', () => {
    expect(iso('2026-03-10T12:00:00+02:00', 'America/New_York')).toBe('2026-03-10T10:00:00.000Z');
  });
});
