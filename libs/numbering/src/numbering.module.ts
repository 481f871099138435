import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { PlansModule } from '@app/plans';
import { RenderingModule } from '@app/rendering';
import { RegistersController } from './controllers/registers.controller';
import { CommitteeTerm } from './entities/committee-term.entity';
import { RegisterCounter } from './entities/register-counter.entity';
import { RegisterEntry } from './entities/register-entry.entity';
import { Register } from './entities/register.entity';
import { TermsDemoLoader } from './services/terms-demo.loader';
import { NumberingService } from './services/numbering.service';
import { RegistersService } from './services/registers.service';

/** Registers (sổ đăng ký văn bản đi), committee terms, numbers, and the issuance of signed plans. */
@Module({
  imports: [IdentityModule, PlansModule, RenderingModule, TypeOrmModule.forFeature([Register, RegisterCounter, RegisterEntry, CommitteeTerm])],
  controllers: [RegistersController],
  providers: [NumberingService, RegistersService, TermsDemoLoader],
  exports: [NumberingService, RegistersService, TermsDemoLoader],
})
export class NumberingModule {}
