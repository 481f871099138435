import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor, audits, compareVietnamese, FieldProblem, hasRole, Role, toIsoDate, ValidationFailed, vietnamDate } from '@app/common';
import { Clock } from '@app/jobs';
import { Plan } from '@app/plans';
import { CascadeError, CascadeErrorCode } from '../cascade.error';
import { PlanReportAttachment } from '../entities/plan-report-attachment.entity';
import { PlanReport } from '../entities/plan-report.entity';
import {
  PlanReportDto,
  ReportCellDto,
  ReportDutyColumnDto,
  ReportDutyOwedDto,
  ReportMatrixDto,
  ReportMatrixRowDto,
  SubmitReportDto,
} from '../dtos/plan-report.dto';
import { ChildPlan } from '../entities/child-plan.entity';
import { CascadePlansService, toCascadeOrganization } from './cascade-plans.service';
import { ISSUED_STATES } from '@workflows/index';
import { implementingOrganizationIds, reportCellStatus, reportersOf } from './report-rules';

/** Roles at an implementing organization that may send its report (the drafting body, its clerk, its leader). */
const REPORTER_ROLES: Role[] = ['drafter', 'clerk', 'signer', 'reviewer'];
/** One attachment at most; the JSON body limit (5 MB) bounds the whole request anyway. */
const MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024;

/**
 * Reporting back up the cascade: an implementing organization sends its report for one of the
 * plan's reporting duties; the issuing organization reads the matrix organizations x duties.
 */
@Injectable()
export class PlanReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly plans: CascadePlansService,
  ) {}

  async submit(actor: Actor, planId: string, dto: SubmitReportDto): Promise<PlanReportDto> {
    const plan = await this.plans.readable(actor, planId);
    this.plans.requireIssued(plan);
    const content = await this.plans.issuedContent(plan);
    const duty = content.reportingDuties.find((d) => d.id === dto.dutyId);
    if (!duty) {
      throw new ValidationFailed(
        [{ path: 'dutyId', code: 'not_found', message: 'dutyId: kế hoạch không có nhiệm vụ báo cáo này' }],
        'Không tìm thấy nhiệm vụ báo cáo',
      );
    }
    const owing = reportersOf(duty, content).filter((orgId) => REPORTER_ROLES.some((role) => hasRole(actor, role, orgId)));
    const organizationId = this.pickReporter(owing, dto.organizationId);
    const files = this.decodeAttachments(dto);

    const reportId = await this.dataSource.transaction(async (manager) => {
      const child = await manager.findOne(Plan, { where: { parentPlanId: plan.id, organizationId }, select: { id: true } });
      const report = await manager.save(
        PlanReport,
        manager.create(PlanReport, {
          planId: plan.id,
          dutyId: duty.id,
          organizationId,
          childPlanId: child?.id ?? null,
          text: dto.text,
          submittedById: actor.id,
          submittedAt: this.clock.now(),
        }),
      );
      if (files.length)
        await manager.insert(
          PlanReportAttachment,
          files.map((f) => ({ ...f, reportId: report.id })),
        );
      return report.id;
    });
    return this.get(actor, plan.id, reportId);
  }

  /** Reports on a plan: all of them for its readers at the issuing side, its own for a reporter. */
  async list(actor: Actor, planId: string): Promise<PlanReportDto[]> {
    const plan = await this.plans.readable(actor, planId);
    const where = this.seesAllReports(actor, plan) ? { planId } : { planId, organizationId: In(actor.memberships.map((m) => m.organizationId)) };
    const reports = await this.dataSource.manager.find(PlanReport, { where, relations: { attachments: true }, order: { submittedAt: 'ASC' } });
    return this.toDtos(plan, reports);
  }

  async get(actor: Actor, planId: string, reportId: string): Promise<PlanReportDto> {
    const plan = await this.plans.readable(actor, planId);
    const report = await this.dataSource.manager.findOne(PlanReport, { where: { id: reportId, planId }, relations: { attachments: true } });
    if (!report || !this.mayReadReport(actor, plan, report))
      throw new CascadeError(CascadeErrorCode.PlanNotFound, `Không tìm thấy báo cáo ${reportId}`);
    return (await this.toDtos(plan, [report]))[0];
  }

  async attachment(
    actor: Actor,
    planId: string,
    reportId: string,
    attachmentId: string,
  ): Promise<{ fileName: string; mediaType: string; data: Buffer }> {
    await this.get(actor, planId, reportId);
    const file = await this.dataSource.manager
      .createQueryBuilder(PlanReportAttachment, 'a')
      .addSelect('a.data')
      .where('a.id = :attachmentId AND a.report_id = :reportId', { attachmentId, reportId })
      .getOne();
    if (!file) throw new CascadeError(CascadeErrorCode.AttachmentNotFound, `Không tìm thấy tệp đính kèm ${attachmentId}`);
    return { fileName: file.fileName, mediaType: file.mediaType, data: file.data };
  }

  /** Organizations x reporting duties of an issued plan, with each cell's status and overdue mark. */
  async matrix(actor: Actor, planId: string): Promise<ReportMatrixDto> {
    const plan = await this.plans.readable(actor, planId);
    if (!this.seesAllReports(actor, plan))
      throw new CascadeError(CascadeErrorCode.Forbidden, 'Chỉ cơ quan ban hành kế hoạch xem được bảng tổng hợp báo cáo');
    this.plans.requireIssued(plan);
    const content = await this.plans.issuedContent(plan);
    const today = this.clock.today();

    const orgIds = new Set(implementingOrganizationIds(content));
    for (const duty of content.reportingDuties) duty.reporterOrganizationIds.forEach((id) => orgIds.add(id));
    const orgs = await this.plans.organizations([...orgIds]);
    const reports = await this.dataSource.manager.find(PlanReport, { where: { planId }, order: { submittedAt: 'ASC' } });
    const children = await this.dataSource.manager.find(Plan, { where: { parentPlanId: planId } });
    const childOf = new Map(children.map((c) => [c.organizationId, c]));

    const duties: ReportDutyColumnDto[] = content.reportingDuties.map((d) => ({
      id: d.id,
      what: d.what,
      period: d.period,
      deadline: d.deadline,
      to: d.to,
      submitted: 0,
      late: 0,
      pending: 0,
      overdue: 0,
    }));
    const rows: ReportMatrixRowDto[] = [...orgs.values()]
      .sort((a, b) => compareVietnamese(a.fullName, b.fullName))
      .map((org) => {
        const child = childOf.get(org.id);
        const cells: ReportCellDto[] = content.reportingDuties.map((duty, i) => {
          const sent = reports.filter((r) => r.dutyId === duty.id && r.organizationId === org.id);
          const firstOn = sent.length ? toIsoDate(vietnamDate(sent[0].submittedAt)) : null;
          const status = reportCellStatus(reportersOf(duty, content).includes(org.id), duty.deadline, today, firstOn);
          if (status !== 'not_required') duties[i][status]++;
          return {
            dutyId: duty.id,
            status,
            overdue: status === 'overdue' || status === 'late',
            reportId: sent.at(-1)?.id ?? null,
            submittedAt: sent.at(-1)?.submittedAt.toISOString() ?? null,
            reports: sent.length,
          };
        });
        return {
          organization: toCascadeOrganization(org),
          childPlan: child ? { id: child.id, state: child.state, numberSymbol: child.numberSymbol, issuedOn: child.issuedOn } : null,
          cells,
        };
      });
    return { planId, today, duties, rows };
  }

  /**
   * What the actor's organizations owe: every reporting duty of the plans they implement (their
   * parent plans), with its deadline and where it stands, the nearest deadline first.
   */
  async owed(actor: Actor): Promise<ReportDutyOwedDto[]> {
    const mine = [...new Set(actor.memberships.filter((m) => REPORTER_ROLES.some((r) => m.roles.includes(r))).map((m) => m.organizationId))];
    if (!mine.length) return [];
    const manager = this.dataSource.manager;
    const links = await manager.find(ChildPlan, { where: { organizationId: In(mine) } });
    if (!links.length) return [];
    const parents = await manager.find(Plan, { where: { id: In([...new Set(links.map((l) => l.parentPlanId))]) } });
    const orgs = await this.plans.organizations([...mine, ...parents.map((p) => p.organizationId)]);
    const reports = await manager.find(PlanReport, {
      where: { planId: In(parents.map((p) => p.id)), organizationId: In(mine) },
      order: { submittedAt: 'ASC' },
    });
    const today = this.clock.today();
    const out: ReportDutyOwedDto[] = [];
    for (const parent of parents) {
      if (!ISSUED_STATES.includes(parent.state)) continue;
      const content = await this.plans.issuedContent(parent);
      const issuer = orgs.get(parent.organizationId)!;
      const plan = {
        id: parent.id,
        organization: toCascadeOrganization(issuer),
        documentType: parent.documentType,
        state: parent.state,
        summary: parent.summary,
        numberSymbol: parent.numberSymbol,
        issuedOn: parent.issuedOn,
      };
      for (const link of links.filter((l) => l.parentPlanId === parent.id)) {
        for (const duty of content.reportingDuties) {
          if (!reportersOf(duty, content).includes(link.organizationId)) continue;
          const sent = reports.filter((r) => r.planId === parent.id && r.dutyId === duty.id && r.organizationId === link.organizationId);
          const status = reportCellStatus(true, duty.deadline, today, sent.length ? toIsoDate(vietnamDate(sent[0].submittedAt)) : null);
          out.push({
            plan,
            organization: toCascadeOrganization(orgs.get(link.organizationId)!),
            childPlanId: link.planId,
            dutyId: duty.id,
            what: duty.what,
            period: duty.period,
            deadline: duty.deadline,
            to: duty.to,
            status,
            overdue: status === 'overdue' || status === 'late',
            reportId: sent.at(-1)?.id ?? null,
            reports: sent.length,
          });
        }
      }
    }
    return out.sort((a, b) => a.deadline.localeCompare(b.deadline) || compareVietnamese(a.organization.fullName, b.organization.fullName));
  }

  private pickReporter(owing: string[], asked: string | undefined): string {
    if (asked) {
      if (!owing.includes(asked))
        throw new CascadeError(
          CascadeErrorCode.NotAReporter,
          'Tổ chức này không phải báo cáo nhiệm vụ này, hoặc bạn không có quyền gửi báo cáo thay tổ chức',
        );
      return asked;
    }
    if (!owing.length) throw new CascadeError(CascadeErrorCode.NotAReporter, 'Bạn không thuộc tổ chức nào phải báo cáo nhiệm vụ này');
    if (owing.length > 1) {
      throw new CascadeError(CascadeErrorCode.AmbiguousOrganization, 'Bạn thuộc nhiều tổ chức phải báo cáo: hãy chọn một tổ chức', {
        errors: [{ path: 'organizationId', code: 'required', message: 'organizationId: cần chọn tổ chức báo cáo' }],
        organizationIds: owing,
      });
    }
    return owing[0];
  }

  private decodeAttachments(dto: SubmitReportDto): Omit<PlanReportAttachment, 'id' | 'reportId' | 'report'>[] {
    const problems: FieldProblem[] = [];
    const files = (dto.attachments ?? []).map((a, i) => {
      const data = Buffer.from(a.contentBase64, 'base64');
      if (data.length === 0)
        problems.push({ path: `attachments.${i}.contentBase64`, code: 'empty', message: `attachments.${i}.contentBase64: tệp rỗng` });
      if (data.length > MAX_ATTACHMENT_BYTES)
        problems.push({ path: `attachments.${i}.contentBase64`, code: 'too_large', message: `attachments.${i}.contentBase64: tệp lớn hơn 3 MB` });
      return {
        fileName: a.fileName,
        mediaType: a.mediaType.toLowerCase(),
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        data,
      };
    });
    if (problems.length) throw new ValidationFailed(problems, 'Tệp đính kèm không hợp lệ');
    return files;
  }

  /** The issuing side (its members, its auditors) sees every report on the plan; a recipient, an admin elsewhere included, its own. */
  private seesAllReports(actor: Actor, plan: Plan): boolean {
    if (audits(actor, plan.organizationId)) return true;
    return actor.memberships.some((m) => m.organizationId === plan.organizationId);
  }

  private mayReadReport(actor: Actor, plan: Plan, report: PlanReport): boolean {
    return this.seesAllReports(actor, plan) || actor.memberships.some((m) => m.organizationId === report.organizationId);
  }

  private async toDtos(plan: Plan, reports: PlanReport[]): Promise<PlanReportDto[]> {
    if (!reports.length) return [];
    const content = await this.plans.issuedContent(plan);
    const orgs = await this.plans.organizations(reports.map((r) => r.organizationId));
    return reports.map((r) => {
      const deadline = content.reportingDuties.find((d) => d.id === r.dutyId)?.deadline;
      return {
        id: r.id,
        planId: r.planId,
        dutyId: r.dutyId,
        organization: toCascadeOrganization(orgs.get(r.organizationId)!),
        childPlanId: r.childPlanId,
        text: r.text,
        submittedById: r.submittedById,
        submittedAt: r.submittedAt.toISOString(),
        late: deadline ? toIsoDate(vietnamDate(r.submittedAt)) > deadline : false,
        attachments: (r.attachments ?? []).map((a) => ({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256 })),
      };
    });
  }
}
