import type { PlanContent, ReportingDuty } from '@app/plans';
import { implementingOrganizationIds, reportCellStatus, reportersOf } from './report-rules';

const recipients = [
  { id: 'r1', name: 'Tỉnh ủy', organizationId: 'up', purpose: 'report', note: null, email: null, mustImplement: false, implementationDueDate: null },
  { id: 'r2', name: 'A', organizationId: 'a', purpose: 'implement', note: null, email: null, mustImplement: true, implementationDueDate: null },
  { id: 'r3', name: 'B', organizationId: 'b', purpose: 'implement', note: null, email: null, mustImplement: true, implementationDueDate: null },
  { id: 'r4', name: 'A lần nữa', organizationId: 'a', purpose: 'inform', note: null, email: null, mustImplement: true, implementationDueDate: null },
  {
    id: 'r5',
    name: 'Báo chí',
    organizationId: null,
    purpose: 'inform',
    note: null,
    email: 'x@y.vn',
    mustImplement: false,
    implementationDueDate: null,
  },
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
