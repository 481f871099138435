export * from './corrections.error';
export * from './corrections.module';
export * from './dtos/correction.dto';
export * from './services/correction-content';
export * from './services/correction-issued.service';
export * from './services/corrections.service';
