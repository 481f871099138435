import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { PlansModule } from '@app/plans';
import { RegistersController } from './controllers/registers.controller';
import { CommitteeTerm } from './entities/committee-term.entity';
import { RegisterCounter } from './entities/register-counter.entity';
import { RegisterEntry } from './entities/register-entry.entity';
import { Register } from './entities/register.entity';
import { NumberingService } from './services/numbering.service';
import { RegistersService } from './services/registers.service';
import { TermsDemoLoader } from './services/terms-demo.loader';

/**
 * Registers (sổ đăng ký văn bản đi), committee terms and numbers. Low in the graph: the issuance
 * asks it for numbers, the distribution tells it what was sent; it imports neither.
 */
@Module({
  imports: [IdentityModule, PlansModule, AuditModule, TypeOrmModule.forFeature([Register, RegisterCounter, RegisterEntry, CommitteeTerm])],
  controllers: [RegistersController],
  providers: [NumberingService, RegistersService, TermsDemoLoader],
  exports: [NumberingService, RegistersService, TermsDemoLoader],
})
export class NumberingModule {}
