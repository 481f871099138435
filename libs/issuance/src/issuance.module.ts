import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { NumberingModule } from '@app/numbering';
import { PlansModule } from '@app/plans';
import { RenderingModule } from '@app/rendering';
import { VerificationModule } from '@app/verification';
import { WorkflowModule } from '@app/workflow';
import { IssuanceJobWorker } from './jobs/issuance-job.worker';
import { IssuanceService } from './services/issuance.service';

/**
 * The issuance of signed plans, after SIGN: the number from the register, the PDF rendered,
 * signed and stored, ISSUED. What follows (deliveries, child plans) is handed over through
 * the machine's effects to the modules that take them.
 */
@Module({
  imports: [IdentityModule, PlansModule, WorkflowModule, NumberingModule, RenderingModule, VerificationModule],
  providers: [IssuanceService, IssuanceJobWorker],
  exports: [IssuanceService],
})
export class IssuanceModule {}
