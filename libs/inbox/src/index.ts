export * from './dtos/inbox-notice.dto';
export * from './entities/inbox-notice.entity';
export * from './inbox-kinds';
export * from './inbox.error';
export * from './inbox.module';
export * from './services/inbox.service';
