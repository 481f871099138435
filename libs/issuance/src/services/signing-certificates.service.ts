import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor } from '@app/common';
import { SigningAuthority, StepUpService } from '@app/identity';
import { Clock } from '@app/jobs';
import { SignerKeyService } from '@app/rendering';
import { IssuanceError, IssuanceErrorCode } from '../issuance.error';

export interface ImportedCertificate {
  organizationId: string;
  fingerprint: string;
}

/**
 * With a CA given from outside (production), each signer receives a PKCS#12 from it and imports
 * it here, themselves: the password they type seals the key, so that the server alone cannot
 * sign with it (as with a key made at their first signature).
 */
@Injectable()
export class SigningCertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: SignerKeyService,
    private readonly stepUp: StepUpService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async importOwn(actor: Actor, organizationId: string, p12: Buffer, p12Passphrase: string, password: string): Promise<ImportedCertificate> {
    await this.stepUp.requireNotLocked(actor.id);
    if (!(await this.stepUp.confirm(actor.id, password))) {
      throw new IssuanceError(IssuanceErrorCode.WrongPassword, 'Mật khẩu đăng nhập không đúng: chứng thư số chưa được nhập', {
        errors: [{ path: 'password', code: 'wrong', message: 'Mật khẩu không đúng' }],
      });
    }
    const today = this.clock.today();
    const holds = await this.dataSource.getRepository(SigningAuthority).exists({
      where: [
        { userId: actor.id, organizationId, validFrom: LessThanOrEqual(today), validTo: IsNull() },
        { userId: actor.id, organizationId, validFrom: LessThanOrEqual(today), validTo: MoreThanOrEqual(today) },
      ],
    });
    if (!holds) {
      throw new IssuanceError(IssuanceErrorCode.NotSigner, 'Chỉ người đang có thẩm quyền ký của tổ chức này mới nhập chứng thư số để ký cho tổ chức');
    }
    const record = await this.keys.importPkcs12({ userId: actor.id, organizationId }, p12, p12Passphrase, password, (manager, key) =>
      this.audit.append(manager, {
        organizationId,
        actor,
        event: 'SIGNING_CERTIFICATE_IMPORTED',
        data: { userId: actor.id, fingerprint: key.fingerprint },
      }),
    );
    return { organizationId, fingerprint: record.fingerprint };
  }
}
