import { DomainError, ErrorKind, FieldProblem } from '@app/common';

export enum PlanErrorCode {
  PlanNotFound = 'plan_not_found',
  VersionNotFound = 'version_not_found',
  InvalidContent = 'invalid_content',
  InvalidRequest = 'invalid_request',
  StaleVersion = 'stale_version',
  NotDraft = 'not_draft',
  NotDrafter = 'not_drafter',
  OrganizationRequired = 'organization_required',
  NeedToKnow = 'need_to_know',
}

const KIND: Record<PlanErrorCode, ErrorKind> = {
  plan_not_found: 'not_found',
  version_not_found: 'not_found',
  invalid_content: 'invalid',
  invalid_request: 'invalid',
  stale_version: 'conflict',
  not_draft: 'refused',
  not_drafter: 'forbidden',
  organization_required: 'invalid',
  need_to_know: 'forbidden',
};

/** Errors of the plan document: content, versions, access. */
export class PlanError extends DomainError {
  constructor(code: PlanErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }

  static notFound(id: string): PlanError {
    return new PlanError(PlanErrorCode.PlanNotFound, `Không tìm thấy kế hoạch ${id}`);
  }

  /** A consultee or recipient asks for more than the version given to them. */
  static needToKnow(id: string, versions: number[]): PlanError {
    return new PlanError(
      PlanErrorCode.NeedToKnow,
      'Bạn chỉ được xem phiên bản kế hoạch được gửi cho mình (bản xin ý kiến hoặc bản ban hành), không xem dự thảo, góp ý, lý do trả lại hay lịch sử',
      { planId: id, versions },
    );
  }

  /** 422 with the `{path, code, message}` list. */
  static invalid(errors: FieldProblem[], message = 'Nội dung kế hoạch không hợp lệ'): PlanError {
    return new PlanError(PlanErrorCode.InvalidContent, message, { errors });
  }
}
