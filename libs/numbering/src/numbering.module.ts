import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { CascadeModule } from '@app/cascade';
import { DistributionModule } from '@app/distribution';
import { IdentityModule } from '@app/identity';
import { PlansModule } from '@app/plans';
import { RenderingModule } from '@app/rendering';
import { WorkflowModule } from '@app/workflow';
import { RegistersController } from './controllers/registers.controller';
import { CommitteeTerm } from './entities/committee-term.entity';
import { RegisterCounter } from './entities/register-counter.entity';
import { RegisterEntry } from './entities/register-entry.entity';
import { Register } from './entities/register.entity';
import { IssuanceJobWorker } from './jobs/issuance-job.worker';
import { IssuanceService } from './services/issuance.service';
import { NumberingService } from './services/numbering.service';
import { RegistersService } from './services/registers.service';
import { TermsDemoLoader } from './services/terms-demo.loader';

/** Registers (sổ đăng ký văn bản đi), committee terms, numbers, and the issuance of signed plans. */
@Module({
  imports: [
    IdentityModule,
    PlansModule,
    AuditModule,
    WorkflowModule,
    RenderingModule,
    DistributionModule,
    CascadeModule,
    TypeOrmModule.forFeature([Register, RegisterCounter, RegisterEntry, CommitteeTerm]),
  ],
  controllers: [RegistersController],
  providers: [NumberingService, RegistersService, IssuanceService, IssuanceJobWorker, TermsDemoLoader],
  exports: [NumberingService, RegistersService, IssuanceService, TermsDemoLoader],
})
export class NumberingModule {}
