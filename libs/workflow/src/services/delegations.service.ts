import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, FieldProblem } from '@app/common';
import { AuditService } from '@app/audit';
import { AuthorityDto, Organization, SigningAuthority, User, UsersService } from '@app/identity';
import { CreateDelegationDto } from '../dtos/delegation.dto';
import { WorkflowError, WorkflowErrorCode } from '../workflow.error';
import { delegatedCapacity } from './delegated-capacity';
import { administers } from './organization-admin';

/** Ký thay: a signer lets a deputy sign in their stead for a period; recorded in the organization's audit trail. */
@Injectable()
export class DelegationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async delegate(actor: Actor, authorityId: string, dto: CreateDelegationDto, requestId?: string): Promise<AuthorityDto> {
    return this.dataSource.transaction(async (manager) => {
      const authority = await manager.findOne(SigningAuthority, { where: { id: authorityId } });
      if (!authority) throw new WorkflowError(WorkflowErrorCode.AuthorityNotFound, `Không tìm thấy thẩm quyền ký ${authorityId}`);
      if (actor.id !== authority.userId && !(await administers(manager, actor, authority.organizationId))) {
        throw new WorkflowError(
          WorkflowErrorCode.NotAllowedToDelegate,
          'Chỉ người có thẩm quyền ký (hoặc quản trị của tổ chức) mới được giao ký thay',
        );
      }
      const org = await manager.findOneOrFail(Organization, { where: { id: authority.organizationId } });
      const problems: FieldProblem[] = [];
      if (authority.delegatedFromId)
        problems.push({ path: 'authorityId', code: 'already_delegated', message: 'Thẩm quyền này đã là ký thay: không giao tiếp được' });
      const deputy = await manager.findOne(User, { where: { id: dto.deputyUserId } });
      if (!deputy || !deputy.active)
        problems.push({ path: 'deputyUserId', code: 'not_found', message: 'deputyUserId: không có người dùng đang hoạt động này' });
      else if (deputy.id === authority.userId)
        problems.push({ path: 'deputyUserId', code: 'same_person', message: 'deputyUserId: không thể giao ký thay cho chính mình' });
      if (dto.validTo < dto.validFrom)
        problems.push({ path: 'validTo', code: 'before_valid_from', message: 'validTo: phải từ ngày validFrom trở đi' });
      if (dto.validFrom < authority.validFrom || (authority.validTo && dto.validTo > authority.validTo)) {
        problems.push({
          path: 'validFrom',
          code: 'outside_authority',
          message: `validFrom: thời gian ký thay phải nằm trong thời hạn của thẩm quyền (${authority.validFrom} – ${authority.validTo ?? 'không thời hạn'})`,
        });
      }
      const capacity = delegatedCapacity(org.family, authority.capacityLines, dto.deputyTitle);
      if ('problem' in capacity && capacity.problem === 'deputy_title_required') {
        problems.push({ path: 'deputyTitle', code: 'required', message: 'deputyTitle: cần ghi chức danh của người ký thay' });
      }
      if (problems.length || 'problem' in capacity)
        throw WorkflowError.invalid(problems, 'Không giao ký thay được', WorkflowErrorCode.InvalidDelegation);
      const created = await this.users.createAuthority(
        {
          userId: dto.deputyUserId,
          organizationId: authority.organizationId,
          capacityLines: capacity.lines,
          validFrom: dto.validFrom,
          validTo: dto.validTo,
        },
        authority.id,
        manager,
      );
      await this.audit.append(manager, {
        organizationId: authority.organizationId,
        actor,
        event: 'DELEGATED',
        requestId: requestId ?? null,
        data: {
          authorityId: created.id,
          delegatedFromId: authority.id,
          holderId: authority.userId,
          deputyUserId: dto.deputyUserId,
          capacityLines: capacity.lines,
          validFrom: dto.validFrom,
          validTo: dto.validTo,
        },
      });
      return created;
    });
  }
}
