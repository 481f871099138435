import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalContent, PlanContent, validatePlanContent } from '@app/plans';
import { contentFromForm, formFromContent } from './plan-form';
import { applyOp, OpContext } from './plan-ops';
import { placeProblem } from './plan-problems';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures');

function seed(name: string): PlanContent {
  const result = validatePlanContent(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return canonicalContent(result.content);
}

const ctx = (over: Partial<OpContext['picked']> = {}): OpContext => ({
  organizationNames: new Map([
    ['11111111-1111-4111-8111-111111111111', 'Đảng bộ Sở Y tế'],
    ['22222222-2222-4222-8222-222222222222', 'Đảng bộ Sở Tài chính'],
  ]),
  authorities: new Map([['a1', { capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], userId: 'u1', userFullName: 'Giã Văn Thọ' }]]),
  picked: { organizationIds: [], purpose: 'inform', mustImplement: false, note: null, authorityId: '', ...over },
});

describe('plan editor form', () => {
  it.each(['party-khoi-2024-04-KH-BCD.json', 'party-thixa-2023-draft.json', 'state-xa-2024-48-KH-UBND.json'])(
    'keeps every field of the seed %s through the form and back',
    (name) => {
      const content = seed(name);
      const back = validatePlanContent(contentFromForm(formFromContent(content)));
      expect(back.ok).toBe(true);
      expect(canonicalContent((back as { content: PlanContent }).content)).toEqual(content);
    },
  );

  it('keeps a lettered part (A, B...) through the form and back', () => {
    const content = seed('state-xa-2024-48-KH-UBND.json');
    content.parts.unshift({ id: 'group-a', title: 'KẾT QUẢ NĂM 2024', group: true, children: [] });
    const back = validatePlanContent(contentFromForm(formFromContent(content)));
    expect(back.ok).toBe(true);
    expect(canonicalContent((back as { content: PlanContent }).content)).toEqual(content);
    expect((back as { content: PlanContent }).content.parts.map((p) => !!p.group)).toEqual([true, ...content.parts.slice(1).map(() => false)]);
  });

  it('drops a node whose parent was removed from the form', () => {
    const content = seed('state-xa-2024-48-KH-UBND.json');
    const body = formFromContent(content);
    const part = content.parts[0];
    body.node = (body.node as string[]).filter((n) => n !== `part|${part.id}|`);
    const back = contentFromForm(body);
    expect(back.parts.map((p) => p.id)).toEqual(content.parts.slice(1).map((p) => p.id));
  });

  it('reads each way of writing a task time', () => {
    const body = {
      node: ['part|p|', 'item|i|p'],
      'b.p.title': 'NỘI DUNG',
      'b.i.text': 'Tuyên truyền',
      'b.i.isTask': '1',
      'b.i.carriedOutBy': 'Ban Tuyên giáo',
      'b.i.timeKind': 'quarter',
      'b.i.timeQuarters': ['2', '3'],
      'b.i.timeYear': '2023',
    };
    const item = contentFromForm(body).parts[0].children[0];
    expect(item).toMatchObject({
      kind: 'item',
      task: { carriedOutBy: 'Ban Tuyên giáo', timeframe: { kind: 'quarter', quarters: [2, 3], year: 2023, text: null } },
    });
  });
});

describe('plan editor operations', () => {
  const base = () => seed('state-xa-2024-48-KH-UBND.json');

  it('adds an item to a part, moves it up, indents it under the item above and outdents it again', () => {
    const content = base();
    const part = content.parts[0];
    const count = part.children.length;
    const id = applyOp(content, `node|add|item|${part.id}`, ctx())!;
    expect(part.children).toHaveLength(count + 1);
    expect(part.children[count]).toMatchObject({ id, kind: 'item', heading: null, text: null });
    applyOp(content, `node|up|${id}`, ctx());
    expect(part.children[count - 1].id).toBe(id);
    const above = part.children[count - 2];
    applyOp(content, `node|indent|${id}`, ctx());
    expect(part.children.map((c) => c.id)).not.toContain(id);
    expect((above as { children: { id: string }[] }).children.at(-1)!.id).toBe(id);
    applyOp(content, `node|outdent|${id}`, ctx());
    expect(part.children[count - 1].id).toBe(id);
  });

  it('never puts an item inside a bullet nor a part inside a part', () => {
    const content = base();
    const part = content.parts[2];
    const bullet = applyOp(content, `node|add|bullet|${part.id}`, ctx())!;
    const item = applyOp(content, `node|add|item|${part.id}`, ctx())!;
    const before = JSON.stringify(content);
    applyOp(content, `node|indent|${item}`, ctx());
    applyOp(content, `node|add|item|${bullet}`, ctx());
    applyOp(content, `node|outdent|${content.parts[1].id}`, ctx());
    expect(JSON.stringify(content)).toBe(before);
  });

  it('deletes a part with everything in it', () => {
    const content = base();
    const gone = content.parts[1].id;
    applyOp(content, `node|delete|${gone}`, ctx());
    expect(content.parts.map((p) => p.id)).not.toContain(gone);
  });

  it('adds recipients chosen from the tree before the archive line, once each', () => {
    const content = base();
    const archive = content.recipients.at(-1)!;
    expect(archive.purpose).toBe('archive');
    const picked = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', 'not-an-org'];
    applyOp(content, 'rcp|from-tree', ctx({ organizationIds: picked, mustImplement: true }));
    applyOp(content, 'rcp|from-tree', ctx({ organizationIds: picked, mustImplement: true }));
    const added = content.recipients.filter((r) => r.organizationId);
    expect(added.map((r) => [r.name, r.purpose, r.mustImplement])).toEqual([
      ['Đảng bộ Sở Y tế', 'implement', true],
      ['Đảng bộ Sở Tài chính', 'implement', true],
    ]);
    expect(content.recipients.at(-1)).toBe(archive);
  });

  it('takes the signature from a signing authority', () => {
    const content = base();
    applyOp(content, 'sig|authority', ctx({ authorityId: 'a1' }));
    expect(content.signature).toEqual({
      capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
      signerName: 'Giã Văn Thọ',
      signerUserId: 'u1',
      authorityId: 'a1',
    });
  });

  it('turns an item into a task and back', () => {
    const content = base();
    const item = content.parts[0].children[0];
    applyOp(content, `task|on|${item.id}`, ctx());
    expect(item).toMatchObject({ task: { carriedOutBy: '', timeframe: { kind: 'ongoing' } } });
    applyOp(content, `task|off|${item.id}`, ctx());
    expect(item).toMatchObject({ task: null });
  });
});

describe('placing problems on the form', () => {
  const content = seed('state-xa-2024-48-KH-UBND.json');
  const item = content.parts[1].children[0];

  it('follows index paths to the node or row id', () => {
    expect(
      placeProblem(content, {
        path: 'content.parts.1.children.0.text',
        code: 'empty',
        message: 'content.parts.1.children.0.text: không được để trống',
      }),
    ).toEqual({
      field: `b.${item.id}.text`,
      anchor: `el-${item.id}`,
      code: 'empty',
      message: 'Không được để trống',
    });
    expect(
      placeProblem(content, { path: 'parts.1.children.0.task.timeframe.date', code: 'invalid_date', message: 'Ngày 2024-02-30 không có trên lịch' })
        .field,
    ).toBe(`b.${item.id}.timeDate`);
    const last = content.recipients.length - 1;
    expect(placeProblem(content, { path: `recipients.${last}.purpose`, code: 'x', message: 'm' }).field).toBe(
      `rcp.${content.recipients[last].id}.purpose`,
    );
    expect(placeProblem(content, { path: 'signature.capacityLines.1', code: 'x', message: 'm' }).field).toBe('sig.capacityLines');
    expect(placeProblem(content, { path: 'summary', code: 'x', message: 'm' }).field).toBe('summary');
  });
});
