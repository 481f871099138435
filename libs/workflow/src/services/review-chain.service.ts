import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, cleanText } from '@app/common';
import { AuditService } from '@app/audit';
import { Organization } from '@app/identity';
import { ReviewStep } from '@workflows/index';
import { ReviewChainDto, ReviewChainInputDto } from '../dtos/review-chain.dto';
import { ReviewChainStep } from '../entities/review-chain-step.entity';
import { WorkflowError, WorkflowErrorCode } from '../workflow.error';
import { administers } from './organization-admin';

/** Where no chain is configured: content review by the head of the advising body, then the format check by the office. */
export const DEFAULT_REVIEW_CHAIN: ReviewStep[] = [
  { role: 'reviewer', label: 'Duyệt nội dung' },
  { role: 'format_checker', label: 'Kiểm tra thể thức' },
];

/** Each organization's chain of review steps; a plan takes the chain as it is at SUBMIT. */
@Injectable()
export class ReviewChainService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async stepsOf(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<{ steps: ReviewStep[]; isDefault: boolean }> {
    const rows = await manager.find(ReviewChainStep, { where: { organizationId }, order: { position: 'ASC' } });
    if (!rows.length) return { steps: DEFAULT_REVIEW_CHAIN, isDefault: true };
    return { steps: rows.map((r) => ({ role: r.role, label: r.label })), isDefault: false };
  }

  async get(organizationId: string): Promise<ReviewChainDto> {
    await this.organization(this.dataSource.manager, organizationId);
    const { steps, isDefault } = await this.stepsOf(organizationId);
    return { organizationId, isDefault, steps };
  }

  /** Replaces the chain (an administrator of the organization or above); plans under way keep theirs. */
  async replace(actor: Actor, organizationId: string, dto: ReviewChainInputDto): Promise<ReviewChainDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.organization(manager, organizationId);
      if (!(await administers(manager, actor, organizationId))) {
        throw new WorkflowError(WorkflowErrorCode.NotOrganizationAdmin, 'Chỉ quản trị của tổ chức (hoặc cấp trên) mới được cấu hình quy trình duyệt');
      }
      const steps = dto.steps.map((s) => ({ role: s.role, label: cleanText(s.label) }));
      const empty = steps.findIndex((s) => !s.label);
      if (empty >= 0)
        throw WorkflowError.invalid(
          [{ path: `steps.${empty}.label`, code: 'required', message: `steps.${empty}.label: không được để trống` }],
          'Quy trình duyệt không hợp lệ',
          WorkflowErrorCode.InvalidReviewChain,
        );
      const before = await this.stepsOf(organizationId, manager);
      await manager.delete(ReviewChainStep, { organizationId });
      await manager.insert(
        ReviewChainStep,
        steps.map((s, i) => ({ organizationId, position: i + 1, role: s.role, label: s.label })),
      );
      await this.audit.append(manager, {
        organizationId,
        actor,
        event: 'REVIEW_CHAIN_CHANGED',
        data: { before: before.isDefault ? null : before.steps, after: steps },
      });
    });
    return this.get(organizationId);
  }

  private async organization(manager: EntityManager, id: string): Promise<Organization> {
    const org = await manager.findOne(Organization, { where: { id } });
    if (!org) throw new WorkflowError(WorkflowErrorCode.OrganizationNotFound, `Không tìm thấy tổ chức ${id}`);
    return org;
  }
}
