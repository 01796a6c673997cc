import { booked, vmcPartner } from '../testing/facts';
import { readModelFixture } from '../testing/read-model-fixture';

// Several projector processes on one read-model database, one elected at a time: a projector
// built before another one led (and rebuilt, swapping the table sets) must resume from what is in
// the database when its own term starts, not from what it saw when it was built.

describe('PartnerProjector taking over from another projector', () => {
  it('resumes on the table set and checkpoint the previous leader left', async () => {
    const f = readModelFixture({ now: '2021-06-01T00:00:00Z' });
    try {
      await f.record('P-1', ...vmcPartner('2021-01-01'));
      const errors: unknown[] = [];
      const standby = f.projectorWith({ onError: (error) => errors.push(error) }); // built while the other one leads
      const leading = new AbortController();
      const leader = f.projector.run(leading.signal, 5); // an empty model: rebuilt first, swapped in
      for (let i = 0; i < 200 && (await f.queries.partnerStatus('P-1')) === undefined; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      leading.abort();
      await leader;
      expect(f.projector.stats.rebuilds).toBe(1);

      await f.record('P-1', booked('2021-05-01', 'D-1', 'vmc-on-aws', 50_000));
      const taking = new AbortController();
      const run = standby.run(taking.signal, 5);
      for (let i = 0; i < 200 && (await f.queries.partnerStatus('P-1'))!.areas['vmc-on-aws'].tier !== 'advanced'; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      taking.abort();
      await run;
      expect(errors).toEqual([]);
      expect((await f.queries.partnerStatus('P-1'))!.areas['vmc-on-aws'].tier).toBe('advanced');
      expect(await standby.checkpoint()).toBe(await f.queries.checkpoint());
    } finally {
      await f.close();
    }
  });
});
