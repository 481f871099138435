import { planContent } from '../../../../test/support/plan-factory';
import { REPLACED_PLAN_REFERENCE_ID, ReplacedPlanFacts, replacementContent, replacementLine } from './replacement.service';

const replaced: ReplacedPlanFacts = {
  id: '5c1d6b1e-9f0a-4a53-8f4e-2d1c0b9a8e7f',
  documentType: 'KH',
  numberSymbol: '04-KH/BCĐ',
  issuedOn: '2024-01-05',
  issuerName: 'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở',
  summary: 'triển khai một số nhiệm vụ trọng tâm',
};

describe('the replacement draft (thay thế)', () => {
  it('cites the replaced plan as a date line does: day with two digits, January and February with a leading zero', () => {
    expect(replacementLine(replaced)).toBe(
      'Kế hoạch này thay thế Kế hoạch số 04-KH/BCĐ ngày 05 tháng 01 năm 2024 của Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở.',
    );
    expect(replacementLine({ ...replaced, issuedOn: '2024-03-21' })).toContain('ngày 21 tháng 3 năm 2024');
  });

  it('keeps the issued content and puts the cited line in the preamble, before its closing "như sau:"', () => {
    const issued = planContent({
      preamble: { paragraphs: ['Căn cứ Quy định số 132-QĐ/TW;', 'Ban Chỉ đạo xây dựng Kế hoạch như sau:'], references: [] },
    });
    const content = replacementContent(issued, replaced);
    expect(content.preamble.paragraphs).toEqual([
      'Căn cứ Quy định số 132-QĐ/TW;',
      replacementLine(replaced),
      'Ban Chỉ đạo xây dựng Kế hoạch như sau:',
    ]);
    expect(content.preamble.references).toEqual([
      expect.objectContaining({ id: REPLACED_PLAN_REFERENCE_ID, planId: replaced.id, numberSymbol: '04-KH/BCĐ', date: '2024-01-05' }),
    ]);
    expect({ ...content, preamble: issued.preamble }).toEqual(issued);
    // the issued content itself is left as it was
    expect(issued.preamble.paragraphs).toHaveLength(2);
  });

  it('a replacement of a replacement cites only the last one', () => {
    const first = replacementContent(planContent(), replaced);
    const second = replacementContent(first, {
      ...replaced,
      id: 'b3f1c2d4-0000-4000-8000-000000000001',
      numberSymbol: '09-KH/BCĐ',
      issuedOn: '2024-03-21',
    });
    const cited = second.preamble.paragraphs.filter((p) => p.includes('này thay thế'));
    expect(cited).toEqual([expect.stringContaining('Kế hoạch số 09-KH/BCĐ ngày 21 tháng 3 năm 2024')]);
    expect(second.preamble.references.filter((r) => r.id === REPLACED_PLAN_REFERENCE_ID)).toHaveLength(1);
  });
});
