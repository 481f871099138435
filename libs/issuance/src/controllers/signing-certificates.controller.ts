import { Body, Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { Actor, CurrentActor, LimitedFileInterceptor } from '@app/common';
import { IssuanceError, IssuanceErrorCode } from '../issuance.error';
import { ImportedCertificate, SigningCertificatesService } from '../services/signing-certificates.service';

export class ImportSigningCertificateDto {
  @IsUUID('all', { message: 'organizationId: mã tổ chức không hợp lệ' })
  organizationId: string;

  @IsString({ message: 'passphrase: cần mật khẩu của tệp PKCS#12' })
  @MaxLength(200)
  passphrase: string;

  @IsString({ message: 'password: cần nhập lại mật khẩu đăng nhập' })
  @MaxLength(200)
  password: string;
}

class CertificateFileInterceptor extends LimitedFileInterceptor('file', 'Tệp chứng thư số quá lớn: một tệp PKCS#12 chỉ vài KB') {}

/** `POST /api/signing-certificates`: a signer imports the PKCS#12 the organization's CA gave them (multipart: file, organizationId, passphrase, password). */
@ApiTags('issuance')
@ApiBearerAuth()
@Controller('api/signing-certificates')
export class SigningCertificatesController {
  constructor(private readonly certificates: SigningCertificatesService) {}

  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ description: 'the certificate is now the person’s current one for the organization' })
  @UseInterceptors(CertificateFileInterceptor)
  importOwn(
    @CurrentActor() actor: Actor,
    @Body() dto: ImportSigningCertificateDto,
    @UploadedFile() file: { buffer: Buffer } | undefined,
  ): Promise<ImportedCertificate> {
    if (!file?.buffer?.length) {
      throw new IssuanceError(IssuanceErrorCode.NoFile, 'Cần chọn tệp chứng thư số (PKCS#12, .p12 hoặc .pfx)', {
        errors: [{ path: 'file', code: 'required', message: 'Chưa có tệp' }],
      });
    }
    return this.certificates.importOwn(actor, dto.organizationId, file.buffer, dto.passphrase, dto.password);
  }
}
