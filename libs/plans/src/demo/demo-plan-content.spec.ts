import { readSeedPlans } from './plans-demo-loader.service';
import { bindDemoRecipients, DEMO_RECIPIENT_BINDINGS, demoYear, moveToYear, shiftYearInText } from './demo-plan-content';

const seeds = readSeedPlans();
const seed = (fixture: string) => seeds.find((s) => s.facts.fixture === fixture)!.content;

describe('demo plans true to the seeds, in a year that allows a SUBMIT today', () => {
  it('moves mentions of the seed year only, never other years, symbols or cited numbers', () => {
    expect(shiftYearInText('định kỳ 6 tháng (trước ngày 15/6/2024), năm 2024; Quý II/2024', 2024, 2027)).toBe(
      'định kỳ 6 tháng (trước ngày 15/6/2027), năm 2027; Quý II/2027',
    );
    expect(shiftYearInText('Nghị định số 59/2023/NĐ-CP ngày 09/01/2015; giai đoạn 2021 – 2025', 2023, 2026)).toBe(
      'Nghị định số 59/2023/NĐ-CP ngày 09/01/2015; giai đoạn 2021 – 2025',
    );
  });

  it('picks the first year from today on whose reporting deadlines all fall after today', () => {
    const khoi = seed('party-khoi-2024-04-KH-BCD.json');
    expect(demoYear(khoi, 2024, '2024-01-24')).toBe(2024);
    expect(demoYear(khoi, 2024, '2026-03-01')).toBe(2026);
    // In December the year's June and November deadlines are past: next year's plan.
    expect(demoYear(khoi, 2024, '2026-12-06')).toBe(2027);
    // A seed without dated duties takes today's year.
    expect(demoYear(seed('party-thixa-2023-draft.json'), 2023, '2026-12-06')).toBe(2026);
  });

  it('moves every date of the seed year, in fields and in text, and leaves the rest as the seed has it', () => {
    const khoi = seed('party-khoi-2024-04-KH-BCD.json');
    const moved = moveToYear(khoi, 2024, 2027);
    expect(moved.summary).toBe(khoi.summary.replace('2024', '2027'));
    expect(moved.reportingDuties.map((d) => d.deadline)).toEqual(['2027-06-15', '2027-11-15']);
    expect(moved.preamble.references[0]).toMatchObject({ numberSymbol: '04-CTr/BDVTU', date: '2027-01-02' });
    expect(JSON.stringify(moved)).not.toContain('2024');
    expect(JSON.stringify(moved).replace(/2027/g, '2024')).toBe(JSON.stringify(khoi));
  });

  it('binds the lines naming demo bodies, one line per body of a group, added implementers before the archive copy', () => {
    const orgs = new Map(
      ['duk-bd', 'db-stc', 'db-syt', 'db-sgd', 'tu-dp', 'bcd-pn', 'bcd-pc'].map((code) => [
        code,
        { id: `id-${code}`, code, shortName: `Tên ${code}`, fullName: code },
      ]),
    );
    const khoi = bindDemoRecipients(
      seed('party-khoi-2024-04-KH-BCD.json').recipients,
      DEMO_RECIPIENT_BINDINGS['party-khoi-2024-04-KH-BCD.json'],
      orgs,
    );
    expect(khoi.map((r) => [r.name, r.organizationId, r.purpose, r.mustImplement])).toEqual([
      ['Ban Dân vận Tỉnh ủy', null, 'report', false],
      ['Ban Thường vụ Đảng ủy Khối', 'id-duk-bd', 'report', false],
      ['Thành viên BCĐ QCDC ĐUK', null, 'implement', false],
      ['Website ĐUK', null, 'inform', false],
      ['Tên db-stc', 'id-db-stc', 'implement', true],
      ['Tên db-syt', 'id-db-syt', 'implement', true],
      ['Tên db-sgd', 'id-db-sgd', 'implement', true],
      ['VP, BTGĐUK', null, 'archive', false],
    ]);
    const thixa = bindDemoRecipients(seed('party-thixa-2023-draft.json').recipients, DEMO_RECIPIENT_BINDINGS['party-thixa-2023-draft.json'], orgs);
    expect(thixa.filter((r) => r.organizationId).map((r) => [r.name, r.purpose, r.mustImplement])).toEqual([
      ['Thường trực Thị ủy', 'report', false],
      ['Tên bcd-pn', 'implement', true],
      ['Tên bcd-pc', 'implement', true],
    ]);
    expect(thixa).toHaveLength(seed('party-thixa-2023-draft.json').recipients.length + 1);
  });
});
