import { defineErrorCodes, domainErrorClass, ErrorCodeOf, FieldProblem } from '@app/common';

export const PlanErrorCode = defineErrorCodes({
  not_found: { PlanNotFound: 'plan_not_found', VersionNotFound: 'version_not_found' },
  invalid: { InvalidContent: 'invalid_content', InvalidRequest: 'invalid_request', OrganizationRequired: 'organization_required' },
  conflict: { StaleVersion: 'stale_version' },
  refused: {
    NotDraft: 'not_draft',
    // Soạn văn bản thay thế: only for a plan issued and distributed, in force, with no replacement under way
    NotDistributed: 'not_distributed',
    PlanRevoked: 'plan_revoked',
    PlanReplaced: 'plan_replaced',
    ReplacementUnderWay: 'replacement_under_way',
    CorrectionNoticeNotReplaced: 'correction_notice_not_replaced',
  },
  forbidden: { NotDrafter: 'not_drafter', NeedToKnow: 'need_to_know', NotReplacer: 'not_replacer' },
});
export type PlanErrorCode = ErrorCodeOf<typeof PlanErrorCode>;

/** Errors of the plan document: content, versions, access. */
export class PlanError extends domainErrorClass(PlanErrorCode) {
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
