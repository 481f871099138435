import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { NumberingModule } from '@app/numbering';
import { PlansModule } from '@app/plans';
import { RenderingModule } from '@app/rendering';
import { VerificationModule } from '@app/verification';
import { WorkflowModule } from '@app/workflow';
import { IssuanceDeskController, SigningDocumentController } from './controllers/issuance-desk.controller';
import { SigningCertificatesController } from './controllers/signing-certificates.controller';
import { SealImageController, SignatureImageController } from './controllers/stamp-images.controller';
import { SigningCertificatesService } from './services/signing-certificates.service';
import { IssuanceJobWorker } from './jobs/issuance-job.worker';
import { IssuanceDeskService } from './services/issuance-desk.service';
import { IssuanceService } from './services/issuance.service';
import { PlanSignatureService } from './services/plan-signature.service';
import { StampUploadsService } from './services/stamp-uploads.service';

/**
 * The issuance of signed plans, after SIGN: the number from the register, the PDF rendered,
 * signed and stored, ISSUED. What follows (deliveries, child plans) is handed over through
 * the machine's effects to the modules that take them.
 */
@Module({
  imports: [
    AuditModule,
    // A PKCS#12 is a few KB: anything much larger is refused before it is read.
    MulterModule.register({ limits: { fileSize: 256 * 1024, files: 1 } }),
    IdentityModule,
    PlansModule,
    WorkflowModule,
    NumberingModule,
    RenderingModule,
    VerificationModule,
  ],
  controllers: [IssuanceDeskController, SigningDocumentController, SigningCertificatesController, SignatureImageController, SealImageController],
  providers: [IssuanceService, IssuanceDeskService, IssuanceJobWorker, PlanSignatureService, SigningCertificatesService, StampUploadsService],
  exports: [IssuanceService, IssuanceDeskService, StampUploadsService],
})
export class IssuanceModule {}
