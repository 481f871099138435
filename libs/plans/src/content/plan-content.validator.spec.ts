import { validatePlanContent } from './plan-content.validator';

function minimal(): Record<string, any> {
  return {
    schemaVersion: 1,
    documentType: 'KH',
    summary: 'thực hiện dân chủ ở cơ sở',
    parts: [{ id: 'p1', title: 'NỘI DUNG', children: [{ kind: 'paragraph', id: 'a', text: 'Đoạn văn[^f1].' }] }],
    recipients: [{ id: 'r1', name: 'VT', purpose: 'archive' }],
    signature: { capacityLines: ['CHỦ TỊCH'], signerName: 'Giã Văn Thọ' },
    footnotes: [{ id: 'f1', text: 'Chú thích.' }],
  };
}

const problems = (input: unknown) => {
  const result = validatePlanContent(input);
  return result.ok ? [] : result.errors;
};

describe('plan content validation', () => {
  it('fills defaults and ids, cleans every string to NFC without surrounding space', () => {
    const input = minimal();
    input.summary = '  thực hiê\u0323n \n  dân chủ  ';
    input.parts[0].children.push({ kind: 'bullet', text: '  một   dòng ' });
    const result = validatePlanContent(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.content.summary).toBe('thực hiện\ndân chủ');
    expect(result.content).toMatchObject({ place: null, closing: [], reportingDuties: [], preamble: { paragraphs: [], references: [] } });
    expect(result.content.recipients[0]).toEqual({
      id: 'r1',
      name: 'VT',
      purpose: 'archive',
      organizationId: null,
      note: null,
      email: null,
      mustImplement: false,
      implementationDueDate: null,
    });
    const added = result.content.parts[0].children[1];
    expect(added).toMatchObject({ kind: 'bullet', text: 'một dòng', children: [] });
    expect(added.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports schema violations with path, English code and Vietnamese message', () => {
    const input = minimal();
    delete input.summary;
    input.documentType = 'XX';
    input.extra = true;
    input.parts[0].title = '';
    input.parts[0].children.push({ kind: 'chart', id: 't' });
    input.recipients[0].purpose = 'keep';
    input.recipients[0].email = 'not-an-email';
    input.summary2 = 1;
    const found = problems(input);
    const byPath = Object.fromEntries(found.map((p) => [p.path, p.code]));
    expect(byPath).toMatchObject({
      'content.summary': 'required',
      'content.documentType': 'not_allowed',
      'content.extra': 'unknown_field',
      'content.parts.0.title': 'empty',
      'content.parts.0.children.1.kind': 'unknown_kind',
      'content.recipients.0.purpose': 'not_allowed',
      'content.recipients.0.email': 'bad_format',
    });
    for (const p of found) expect(p.message).toMatch(/^content\..+: .*[à-ỹ]/);
  });

  it('limits lengths and counts', () => {
    const input = minimal();
    input.summary = 'a'.repeat(501);
    input.parts = Array.from({ length: 31 }, (_, i) => ({ id: `p${i}`, title: 'Phần', children: [] }));
    const found = problems(input);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'content.summary', code: 'too_long', message: expect.stringContaining('500') }),
        expect.objectContaining({ path: 'content.parts', code: 'too_many', message: expect.stringContaining('30') }),
      ]),
    );
  });

  it('refuses duplicate ids, marks without a footnote, impossible dates and too deep nesting', () => {
    const input = minimal();
    input.parts[0].children.push({ kind: 'paragraph', id: 'a', text: 'Lặp mã[^nope].' });
    input.reportingDuties = [{ id: 'd1', what: 'kết quả', deadline: '2024-02-30', to: 'UBND' }];
    let node: any = { kind: 'item', id: 'deep0', heading: 'Mục', children: [] };
    input.parts[0].children.push(node);
    for (let i = 1; i <= 6; i++) {
      const child = { kind: 'item', id: `deep${i}`, heading: 'Mục', children: [] };
      node.children.push(child);
      node = child;
    }
    const codes = problems(input).map((p) => `${p.path} ${p.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'content.parts.0.children.1.id duplicate_id',
        'content.parts.0.children.1.text unknown_footnote',
        'content.reportingDuties.0.deadline invalid_date',
        'content.parts.0.children.2.children.0.children.0.children.0.children.0.children.0.children.0 too_deep',
      ]),
    );
  });

  it('an item needs a heading, a text or children', () => {
    const input = minimal();
    input.parts[0].children.push({ kind: 'item', id: 'empty' });
    expect(problems(input).map((p) => p.code)).toEqual(['empty_item']);
  });

  it('refuses what is not an object', () => {
    expect(problems('text')).toEqual([expect.objectContaining({ path: 'content', code: 'wrong_type' })]);
    expect(problems(null)).toHaveLength(1);
  });
});
