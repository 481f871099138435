export * from './issuance.error';
export * from './issuance.module';
export * from './jobs/issuance-job.worker';
export * from './jobs/issuance.jobs';
export * from './services/issuance.service';
