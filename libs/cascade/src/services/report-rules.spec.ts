import type { PlanContent, ReportingDuty } from '@app/plans';
import { recipientLine } from '@app/plans';
import { implementingOrganizationIds, reportCellStatus, reportersOf } from './report-rules';

const recipients = [
  recipientLine('r1', 'Tỉnh ủy', { organizationId: 'up', purpose: 'report' }),
  recipientLine('r2', 'A', { organizationId: 'a', mustImplement: true }),
  recipientLine('r3', 'B', { organizationId: 'b', mustImplement: true }),
  recipientLine('r4', 'A lần nữa', { organizationId: 'a', purpose: 'inform', mustImplement: true }),
  recipientLine('r5', 'Báo chí', { purpose: 'inform', email: 'x@y.vn' }),
] as PlanContent['recipients'];
const content = { recipients } as PlanContent;
const duty = (reporters: string[]): ReportingDuty => ({
  id: 'd',
  what: 'kết quả',
  period: null,
  deadline: '2024-06-15',
  to: 'BCĐ',
  toOrganizationId: null,
  reporterOrganizationIds: reporters,
});

describe('report rules', () => {
  it('the implementing organizations are the recipient lines marked to implement, once each', () => {
    expect(implementingOrganizationIds(content)).toEqual(['a', 'b']);
  });

  it('a duty is owed by the organizations it names, or else by every implementing organization', () => {
    expect(reportersOf(duty([]), content)).toEqual(['a', 'b']);
    expect(reportersOf(duty(['b', 'z']), content)).toEqual(['b', 'z']);
  });

  it('a cell is pending before the deadline, overdue after it, on time up to and including the deadline day, late after', () => {
    expect(reportCellStatus(false, '2024-06-15', '2024-07-01', null)).toBe('not_required');
    expect(reportCellStatus(true, '2024-06-15', '2024-06-15', null)).toBe('pending');
    expect(reportCellStatus(true, '2024-06-15', '2024-06-16', null)).toBe('overdue');
    expect(reportCellStatus(true, '2024-06-15', '2024-07-01', '2024-06-15')).toBe('submitted');
    expect(reportCellStatus(true, '2024-06-15', '2024-07-01', '2024-06-16')).toBe('late');
  });
});
