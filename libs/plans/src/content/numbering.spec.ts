import type { BodyNode, Item, Part } from './plan-content';
import { itemLabel, numberPlan, partLabel, toRoman, vietnameseLetter } from './numbering';

const item = (id: string, children: BodyNode[] = []): Item => ({ kind: 'item', id, heading: `Mục ${id}`, text: null, task: null, children });
const para = (id: string): BodyNode => ({ kind: 'paragraph', id, text: 'Đoạn văn.' });
const bullet = (id: string, children: { id: string }[] = []): BodyNode => ({
  kind: 'bullet',
  id,
  text: 'Gạch đầu dòng',
  children: children.map((c) => ({ kind: 'bullet', id: c.id, text: 'Dòng con', children: [] })),
});

function plan(): { parts: Part[] } {
  return {
    parts: [
      { id: 'I', title: 'MỤC ĐÍCH, YÊU CẦU', children: [para('I-p'), item('I-1'), item('I-2')] },
      {
        id: 'II',
        title: 'NỘI DUNG',
        children: [
          item('II-1', [
            para('II-1-p'),
            item('II-1-1', [item('II-1-1-a', [item('II-1-1-a-1', [item('II-1-1-a-1-1')])]), bullet('II-1-1-b1'), item('II-1-1-b')]),
            bullet('II-1-b', [{ id: 'II-1-b-plus' }]),
            item('II-1-2'),
          ]),
          item('II-2'),
        ],
      },
      { id: 'III', title: 'TỔ CHỨC THỰC HIỆN', children: [] },
      { id: 'IV', title: 'IV', children: [] },
    ],
  };
}

describe('numbering of parts and items', () => {
  it('numbers a Party plan I-, II-, then 1., 1.1., a), -, + and bullets - and +', () => {
    const labels = numberPlan(plan(), 'party');
    expect(labels).toEqual({
      I: 'I-',
      'I-1': '1.',
      'I-2': '2.',
      II: 'II-',
      'II-1': '1.',
      'II-1-1': '1.1.',
      'II-1-1-a': 'a)',
      'II-1-1-a-1': '-',
      'II-1-1-a-1-1': '+',
      'II-1-1-b1': '-',
      'II-1-1-b': 'b)',
      'II-1-b': '-',
      'II-1-b-plus': '+',
      'II-1-2': '1.2.',
      'II-2': '2.',
      III: 'III-',
      IV: 'IV-',
    });
    // paragraphs carry no label and do not count
    expect(labels['I-p']).toBeUndefined();
    expect(labels['II-1-p']).toBeUndefined();
  });

  it('numbers a State plan with I., II. and the same item labels', () => {
    const labels = numberPlan(plan(), 'state');
    expect([labels.I, labels.II, labels.III, labels.IV]).toEqual(['I.', 'II.', 'III.', 'IV.']);
    expect([labels['II-1'], labels['II-1-1'], labels['II-1-1-a']]).toEqual(['1.', '1.1.', 'a)']);
  });

  it('renumbers when an item is inserted or removed: numbers are never stored', () => {
    const p = plan();
    (p.parts[0].children as BodyNode[]).splice(1, 0, item('I-new'));
    const labels = numberPlan(p, 'party');
    expect([labels['I-new'], labels['I-1'], labels['I-2']]).toEqual(['1.', '2.', '3.']);
  });

  it('letters follow the Vietnamese list: a b c d đ e g h i k ... (no f, j, w, z)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(vietnameseLetter).join('')).toBe('abcdđeghik');
    expect(vietnameseLetter(23)).toBe('y');
    expect(vietnameseLetter(24)).toBe('aa');
    expect(itemLabel([3, 2, 5])).toBe('đ)');
  });

  it('Roman numerals', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 14, 40, 90, 2024].map(toRoman)).toEqual(['I', 'II', 'III', 'IV', 'V', 'IX', 'X', 'XIV', 'XL', 'XC', 'MMXXIV']);
    expect(partLabel(12, 'party')).toBe('XII-');
    expect(() => toRoman(0)).toThrow(RangeError);
  });
});
