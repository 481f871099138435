export * from './dtos/issuance-desk.dto';
export * from './issuance.error';
export * from './issuance.module';
export * from './jobs/issuance-job.worker';
export * from './jobs/issuance.jobs';
export * from './services/issuance-desk.service';
export * from './services/issuance.service';
export * from './services/plan-signature.service';
