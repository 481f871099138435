export * from './clock';
export * from './job-definition';
export * from './jobs.module';
export * from './jobs.service';
