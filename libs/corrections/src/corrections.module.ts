import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { PlansModule } from '@app/plans';
import { WorkflowModule } from '@app/workflow';
import { CorrectionsController } from './controllers/corrections.controller';
import { CorrectionIssuedService } from './services/correction-issued.service';
import { CorrectionsService } from './services/corrections.service';
import { OriginalRevokedService } from './services/original-revoked.service';

/**
 * Đính chính (Nghị định 30 Art. 18): a correction notice of an issued plan, drafted from the items
 * to correct, walking the plan machine's short road, numbered, signed, issued and sent to the
 * original's recipients like any plan; the original's trail records its issue, and a revoked
 * original's notices still on their road stop.
 */
@Module({
  imports: [AuditModule, PlansModule, WorkflowModule],
  controllers: [CorrectionsController],
  providers: [CorrectionsService, CorrectionIssuedService, OriginalRevokedService],
  exports: [CorrectionsService],
})
export class CorrectionsModule {}
