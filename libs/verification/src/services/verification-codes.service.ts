import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import type { VerificationMark } from '@app/rendering';
import { PlanVerification } from '../entities/plan-verification.entity';
import { newVerificationCode, verificationQrSvg } from '../verification-code';

/** Each plan's public verification code, made once and kept, and the address printed from it. */
@Injectable()
export class VerificationCodesService {
  constructor(private readonly config: AppConfig) {}

  /** The plan's code, made on the first call, in the caller's transaction (the issuing one), so that it commits with the number. */
  async codeFor(manager: EntityManager, planId: string): Promise<string> {
    await manager.createQueryBuilder().insert().into(PlanVerification).values({ planId, code: newVerificationCode() }).orIgnore().execute();
    return (await manager.findOneByOrFail(PlanVerification, { planId })).code;
  }

  /** `PUBLIC_URL/v/<code>`: short enough to type from paper. */
  urlOf(code: string): string {
    return `${this.config.publicUrl.replace(/\/+$/, '')}/v/${code}`;
  }

  /** What the document prints on its last page: the address and its QR code. */
  async markFor(manager: EntityManager, planId: string): Promise<VerificationMark> {
    const url = this.urlOf(await this.codeFor(manager, planId));
    return { url, qrSvg: await verificationQrSvg(url) };
  }
}
