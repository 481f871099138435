export * from './cluster-metrics';
export * from './metrics.module';
export * from './metrics.service';
