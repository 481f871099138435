import { validatePlanContent } from '@app/plans';
import { planContent } from '../../../../test/support/plan-factory';
import { comparableText, correctionContent, correctionDocumentType, correctionSummary, occursIn } from './correction-content';

const original = (family: 'party' | 'state') => ({
  content: planContent({ summary: 'thực hiện dân chủ ở cơ sở năm 2024' }),
  numberSymbol: family === 'party' ? '04-KH/BCĐ' : '48/KH-UBND',
  issuedOn: '2024-01-24',
  organizationName: family === 'party' ? 'Ban Chỉ đạo' : 'Ủy ban nhân dân xã Nhơn Hậu',
  family,
});

describe('the content of a correction notice (đính chính)', () => {
  it('is a Thông báo for the Party and a công văn for the State, citing the original by number and date', () => {
    expect(correctionDocumentType('party')).toBe('TB');
    expect(correctionDocumentType('state')).toBe('CV');
    expect(correctionSummary(original('party'))).toBe('đính chính Kế hoạch số 04-KH/BCĐ ngày 24/01/2024 của Ban Chỉ đạo');
  });

  it('lists the items in a table, keeps the original recipients without anything to implement, and passes the content validator', () => {
    const source = original('state');
    source.content.recipients[0] = { ...source.content.recipients[0], mustImplement: true, implementationDueDate: '2024-03-01' };
    const content = correctionContent(source, [{ where: 'Mục I', wrong: 'a', right: 'b' }]);
    expect(content.documentType).toBe('CV');
    const table = content.parts[0].children[0];
    expect(table.kind === 'table' && table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['1', 'Mục I', 'a', 'b']]);
    expect(content.recipients.map((r) => r.name)).toEqual(source.content.recipients.map((r) => r.name));
    expect(content.recipients.some((r) => r.mustImplement || r.implementationDueDate)).toBe(false);
    expect(content.reportingDuties).toEqual([]);
    expect(validatePlanContent(content).ok).toBe(true);
  });

  it('finds a wrong text as printed: NFC or NFD, spaces and line breaks aside, markup aside; not across two texts', () => {
    const content = planContent();
    content.parts[0].children = [{ kind: 'paragraph', id: 'x', text: 'Phát huy **quyền làm chủ** của Nhân dân.' }];
    expect(occursIn(content, 'Phát huy quyền làm chủ')).toBe(true);
    expect(occursIn(content, 'Phát  huy\nquyền'.normalize('NFD'))).toBe(true);
    expect(occursIn(content, 'phát huy quyền')).toBe(false);
    expect(occursIn(content, '   ')).toBe(false);
    expect(comparableText(' a\u00a0 b[^1] ')).toBe('a b');
  });
});
