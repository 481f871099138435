import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './controllers/audit.controller';
import { AuditEvent } from './entities/audit-event.entity';
import { AuditHead } from './entities/audit-head.entity';
import { AuditHeadsJobs } from './jobs/audit-heads.jobs';
import { AuditHeadsService } from './services/audit-heads.service';
import { AuditSigningKey } from './services/audit-signing-key';
import { AuditService } from './services/audit.service';

/** The append-only, hash-chained audit trail, its chains' heads signed with a key kept out of the database. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, AuditHead])],
  controllers: [AuditController],
  providers: [AuditService, AuditHeadsService, AuditSigningKey, AuditHeadsJobs],
  exports: [AuditService, AuditHeadsService],
})
export class AuditModule {}
