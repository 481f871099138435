import type { PlanContent, ReportingDuty } from '@app/plans';
import { ReportCellStatus } from '../dtos/plan-report.dto';

/** The organizations that implement a plan: its recipient lines marked to implement it. */
export function implementingOrganizationIds(content: PlanContent): string[] {
  return [...new Set(content.recipients.filter((r) => r.organizationId && r.mustImplement).map((r) => r.organizationId!))];
}

/** Who owes a duty: the organizations it names, or every implementing organization. */
export function reportersOf(duty: ReportingDuty, content: PlanContent): string[] {
  return duty.reporterOrganizationIds.length ? duty.reporterOrganizationIds : implementingOrganizationIds(content);
}

/**
 * The state of one cell of the report matrix. "Trước ngày 15/6" is stored as 2024-06-15 and read
 * as inclusive: a report received on that day (Vietnam time) is on time, the next day it is late.
 */
export function reportCellStatus(required: boolean, deadline: string, today: string, firstReceivedOn: string | null): ReportCellStatus {
  if (!required) return 'not_required';
  if (firstReceivedOn) return firstReceivedOn <= deadline ? 'submitted' : 'late';
  return today > deadline ? 'overdue' : 'pending';
}
