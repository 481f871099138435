import { defineErrorCodes, domainErrorClass, ErrorCodeOf, FieldProblem } from '@app/common';

export const CorrectionErrorCode = defineErrorCodes({
  invalid: { InvalidCorrection: 'invalid_correction' },
  refused: {
    OriginalNotIssued: 'original_not_issued',
    OriginalRevoked: 'original_revoked',
    OriginalReplaced: 'original_replaced',
    CorrectionOfCorrection: 'correction_of_correction',
  },
  forbidden: { NotDrafterOrSigner: 'not_drafter_or_signer' },
});
export type CorrectionErrorCode = ErrorCodeOf<typeof CorrectionErrorCode>;

/** Errors of đính chính: what may be corrected, by whom, with which items. */
export class CorrectionError extends domainErrorClass(CorrectionErrorCode) {
  /** 422 with the `{path, code, message}` list (each code names the rule: wrong_text_not_found, unchanged_text, ...). */
  static invalid(errors: FieldProblem[]): CorrectionError {
    return new CorrectionError(CorrectionErrorCode.InvalidCorrection, 'Nội dung đính chính không hợp lệ', { errors });
  }
}
