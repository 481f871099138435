import { byUrgency } from '../work/my-work.service';
import { eventFromForm } from './plan-event-form';

describe('events posted by web forms', () => {
  const labels = { p3: 'Mục III- TỔ CHỨC THỰC HIỆN', i1: 'Điểm II.1. Công tác tuyên truyền' };

  it('writes the notes anchored to parts and items into the reason of a return, as printed', () => {
    const dto = eventFromForm(
      {
        type: 'RETURN',
        reason: 'Cần bổ sung.\r\nXem lại thời gian.',
        'note.anchor': ['p3', '', 'i1'],
        'note.text': ['Thêm đơn vị chủ trì.', '', 'Nêu rõ quý.'],
        rowVersion: '4',
      },
      labels,
    );
    expect(dto).toEqual({
      type: 'RETURN',
      reason: 'Cần bổ sung.\nXem lại thời gian.\n- Mục III- TỔ CHỨC THỰC HIỆN: Thêm đơn vị chủ trì.\n- Điểm II.1. Công tác tuyên truyền: Nêu rõ quý.',
    });
  });

  it('keeps the anchors of consultation comments as data, and a comment without one is on the whole draft', () => {
    const dto = eventFromForm({ type: 'COMMENT', 'note.anchor': ['i1', ''], 'note.text': ['Nêu rõ quý.', 'Chung: rút gọn phần mở đầu.'] }, labels);
    expect(dto).toEqual({
      type: 'COMMENT',
      comments: [
        { anchorId: 'i1', text: 'Nêu rõ quý.' },
        { anchorId: null, text: 'Chung: rút gọn phần mở đầu.' },
      ],
    });
  });

  it('copies only the fields the event takes: a stray password never reaches an approval', () => {
    expect(eventFromForm({ type: 'APPROVE', password: 'x', reason: 'y' })).toEqual({ type: 'APPROVE' });
    expect(eventFromForm({ type: 'SIGN', password: 'demo1234' })).toEqual({ type: 'SIGN', password: 'demo1234' });
    expect(eventFromForm({ type: 'SIGN' })).toEqual({ type: 'SIGN' });
    // a revocation takes the decision's number when given, and nowhere else
    expect(eventFromForm({ type: 'REVOKE', reason: 'Sai thẩm quyền', decisionNumber: '15-QĐ/ĐUK', password: 'p' })).toEqual({
      type: 'REVOKE',
      reason: 'Sai thẩm quyền',
      decisionNumber: '15-QĐ/ĐUK',
      password: 'p',
    });
    expect(eventFromForm({ type: 'REVOKE', reason: 'Sai thẩm quyền', decisionNumber: '', password: 'p' })).toEqual({
      type: 'REVOKE',
      reason: 'Sai thẩm quyền',
      password: 'p',
    });
    expect(eventFromForm({ type: 'CANCEL', reason: 'x', decisionNumber: '15-QĐ/ĐUK' })).toEqual({ type: 'CANCEL', reason: 'x' });
    expect(eventFromForm({ type: 'CIRCULATE', consultees: ['a', 'b'], deadline: '2030-01-31' })).toEqual({
      type: 'CIRCULATE',
      consultees: ['a', 'b'],
      deadline: '2030-01-31',
    });
  });
});

describe('the order of the work list', () => {
  it('puts the longest overdue first, then the nearest deadline, then what has none', () => {
    const item = (title: string, deadline: string | null) => ({ title, deadline, href: '', organizationName: '', action: '', status: '' });
    const sorted = [item('không hạn', null), item('hạn xa', '2030-01-01'), item('quá hạn lâu', '2020-01-01'), item('quá hạn', '2024-05-01')].sort(
      byUrgency,
    );
    expect(sorted.map((i) => i.title)).toEqual(['quá hạn lâu', 'quá hạn', 'hạn xa', 'không hạn']);
  });
});
