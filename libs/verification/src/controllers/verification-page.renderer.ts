import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '@app/config';
import { FileCheck, VerifiedPlan } from '../services/verification.service';

/** The page as a browser gets it: the plan's facts, the drop check's answer or the reason it was refused, the upload limit. */
@Injectable()
export class VerificationPageRenderer {
  constructor(private readonly config: AppConfig) {}

  render(res: Response, plan: VerifiedPlan, check: FileCheck | null, checkProblem: string | null = null): void {
    res.setHeader('Cache-Control', 'no-store');
    res.render('verification/plan', {
      title: `Kiểm tra ${plan.documentType.toLocaleLowerCase('vi')} số ${plan.numberSymbol}`,
      plan,
      check,
      checkProblem,
      uploadLimitMb: Math.floor(this.config.verificationUploadMaxBytes / (1024 * 1024)) || 1,
    });
  }
}
