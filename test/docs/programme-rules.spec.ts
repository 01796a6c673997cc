import { AREAS, PARTNER_CONNECT_FY21, type RequirementRule } from '@partner-program/domain';
import { ids, readDoc, tableAfterHeader } from './markdown-table';

// docs/programme-rules.md describes the default ruleset: its tables must say what the data says.

const doc = readDoc('programme-rules.md');

describe('docs/programme-rules.md and the default ruleset', () => {
  it('lists every area with its priority, MSC, principal and partner competencies', () => {
    const rows = tableAfterHeader(doc, 'area');
    const documented = Object.fromEntries(
      rows.map(([area, priority, msc, principal, partner]) => [
        ids(area)[0],
        { priority: ids(priority)[0], msc: ids(msc)[0], principalCompetencies: ids(principal), partnerCompetencies: ids(partner) },
      ]),
    );
    expect(rows.map((row) => ids(row[0])[0])).toEqual([...AREAS]);
    expect(documented).toEqual(PARTNER_CONNECT_FY21.areas);
  });

  it('lists every requirement with its kind, course, learners and business model', () => {
    const documented = tableAfterHeader(doc, 'id').map(([id, kind, course, learners, appliesTo]): RequirementRule => {
      const model = ids(appliesTo)[0];
      return kind === 'training'
        ? { id: ids(id)[0]!, kind, courseId: ids(course)[0]!, learners: Number(learners), ...(model ? { forBusinessModel: model as never } : {}) }
        : ({ id: ids(id)[0]!, kind } as RequirementRule);
    });
    expect(documented).toEqual(PARTNER_CONNECT_FY21.requirements);
  });

  it('states the thresholds, the window and the effective date of the default ruleset', () => {
    const thresholds = Object.fromEntries(tableAfterHeader(doc, 'tier').map(([tier, credits]) => [ids(tier)[0], Number(credits!.replace(/,/g, ''))]));
    expect(thresholds).toEqual({ partner: 0, ...PARTNER_CONNECT_FY21.thresholds });
    expect(doc).toContain(`the ${PARTNER_CONNECT_FY21.creditWindowDays} days before T`);
    expect(doc).toContain(`\`${PARTNER_CONNECT_FY21.id}\`, takes effect on **${PARTNER_CONNECT_FY21.effectiveFrom}**`);
  });
});
