import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { PlansController } from './controllers/plans.controller';
import { PlansDemoLoaderService } from './demo/plans-demo-loader.service';
import { PlanVersion } from './entities/plan-version.entity';
import { Plan } from './entities/plan.entity';
import { FormatCheckService } from './format-check/format-check.service';
import { PlanAccessService } from './services/plan-access.service';
import { PlanTransferService } from './services/plan-transfer.service';
import { PlansService } from './services/plans.service';
import { ReplacementService } from './services/replacement.service';

/** The plan document: structured content, versions, diffs, the format check, import and export. */
@Module({
  imports: [IdentityModule, AuditModule, TypeOrmModule.forFeature([Plan, PlanVersion])],
  controllers: [PlansController],
  providers: [PlansService, PlanAccessService, PlanTransferService, FormatCheckService, PlansDemoLoaderService, ReplacementService],
  exports: [PlansService, PlanAccessService, PlanTransferService, FormatCheckService, PlansDemoLoaderService, ReplacementService, TypeOrmModule],
})
export class PlansModule {}
