import { PARTNER_CONNECT_FY21 } from '../rules/partner-connect-fy21';
import { booked, competency, goodStanding, msc } from '../testing/facts';
import { statusAt } from '../testing/status-at';
import { AREAS, type AreaId } from '../vocabulary';

// Every area × tier of docs/programme-rules.md §4, read from the default ruleset's own table so the test
// follows the figure, not the other way round.

const START = '2021-01-01';
const NOW = '2021-06-01';
const area = (id: AreaId) => PARTNER_CONNECT_FY21.areas[id];

const partnerFacts = (id: AreaId) => [competency(START, area(id).partnerCompetencies[0]!)];
const principalFacts = (id: AreaId) => [msc(START, area(id).msc), ...area(id).principalCompetencies.map((c) => competency(START, c))];
const credits = (id: AreaId, amount: number) => booked('2021-02-01', `D-${id}-${amount}`, id, amount);

describe.each(AREAS)('area %s', (id) => {
  const tierOf = (...facts: Parameters<typeof statusAt>[0]) => statusAt([...goodStanding(START), ...facts], NOW).areas[id];

  it('has no tier without a solution competency, and says which one is missing', () => {
    const status = tierOf(credits(id, 2_000_000));
    expect(status.tier).toBeNull();
    expect(status.next).toEqual({ tier: 'partner', missing: [`competency:${area(id).partnerCompetencies.join('|')}`] });
  });

  it.each(area(id).partnerCompetencies)('is partner with any one of its competencies: %s', (held) => {
    expect(tierOf(competency(START, held)).tier).toBe('partner');
  });

  it('is advanced at exactly the threshold, partner one credit below', () => {
    expect(tierOf(...partnerFacts(id), credits(id, 50_000)).tier).toBe('advanced');
    const below = tierOf(...partnerFacts(id), credits(id, 49_999));
    expect(below.tier).toBe('partner');
    expect(below.next?.missing).toEqual(['credits:49999/50000']);
  });

  it('is principal with the MSC, all principal competencies and the credits', () => {
    const status = tierOf(...partnerFacts(id), ...principalFacts(id), credits(id, 1_000_000));
    expect(status).toEqual({ tier: 'principal', credits: 1_000_000, badge: true, next: null });
  });

  it('is advanced one credit below the principal threshold', () => {
    const status = tierOf(...partnerFacts(id), ...principalFacts(id), credits(id, 999_999));
    expect(status.tier).toBe('advanced');
    expect(status.next).toEqual({ tier: 'principal', missing: ['credits:999999/1000000'] });
  });

  it('is not principal without the MSC', () => {
    const status = tierOf(...partnerFacts(id), ...area(id).principalCompetencies.map((c) => competency(START, c)), credits(id, 1_000_000));
    expect(status.tier).toBe('advanced');
    expect(status.next?.missing).toEqual([`msc:${area(id).msc}`]);
  });

  it('counts credits only in their own area', () => {
    const other = AREAS.find((a) => a !== id)!;
    expect(tierOf(...partnerFacts(id), credits(other, 60_000)).tier).toBe('partner');
  });
});

describe('"all of" versus "any one of"', () => {
  const base = goodStanding(START);

  it('data-center-virtualization principal needs both server-virtualization and hci', () => {
    const status = statusAt(
      [...base, msc(START, 'data-center-virtualization'), competency(START, 'server-virtualization'), credits('data-center-virtualization', 1_000_000)],
      NOW,
    );
    expect(status.areas['data-center-virtualization'].tier).toBe('advanced');
    expect(status.areas['data-center-virtualization'].next?.missing).toEqual(['competency:hci']);
  });

  it('business-continuity alone makes partner but never principal in data-center-virtualization', () => {
    const status = statusAt(
      [...base, competency(START, 'business-continuity'), msc(START, 'data-center-virtualization'), credits('data-center-virtualization', 1_000_000)],
      NOW,
    );
    expect(status.areas['data-center-virtualization'].tier).toBe('advanced');
    expect(status.areas['data-center-virtualization'].next?.missing).toEqual(['competency:server-virtualization', 'competency:hci']);
  });

  it('modern-applications principal needs no solution competency ("NA"), partner needs pks', () => {
    const status = statusAt([...base, msc(START, 'modern-applications'), credits('modern-applications', 1_000_000)], NOW);
    expect(status.areas['modern-applications'].tier).toBe('principal');
    expect(statusAt([...base, credits('modern-applications', 1_000_000)], NOW).areas['modern-applications'].tier).toBeNull();
  });
});
