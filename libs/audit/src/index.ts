export * from './audit.module';
export * from './dtos/audit.dto';
export * from './entities/audit-event.entity';
export * from './services/audit-hash';
export * from './services/audit.service';
export * from './audit.error';
