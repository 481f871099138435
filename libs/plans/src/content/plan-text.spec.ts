import { archiveLine, timeframeText } from './plan-text';

describe('printed wording of structured fields', () => {
  it("timeframes: the drafter's wording when given, else one built from the structure", () => {
    expect(timeframeText({ kind: 'ongoing', text: null })).toBe('Thường xuyên');
    expect(timeframeText({ kind: 'ongoing', text: 'thường xuyên' })).toBe('thường xuyên');
    expect(timeframeText({ kind: 'quarter', quarters: [3, 2], year: 2023, text: null })).toBe('Quý II, III/2023');
    expect(timeframeText({ kind: 'quarter', quarters: [2, 3], year: 2023, text: 'Quý II, III/ 2023' })).toBe('Quý II, III/ 2023');
    expect(timeframeText({ kind: 'year', year: 2023, text: null })).toBe('Năm 2023');
    expect(timeframeText({ kind: 'date', date: '2024-03-05', text: null })).toBe('Trước ngày 5/3/2024');
    expect(timeframeText({ kind: 'text', text: 'Sau khi có hướng dẫn' })).toBe('Sau khi có hướng dẫn');
  });

  it('the archive line differs by family', () => {
    expect(archiveLine('VP, BTGĐUK', 'party')).toBe('Lưu VP, BTGĐUK.');
    expect(archiveLine('VT, VP', 'state')).toBe('Lưu: VT, VP.');
  });
});
