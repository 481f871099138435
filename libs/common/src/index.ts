export * from './actor';
export * from './csv';
export * from './domain-error';
export * from './domain-error.filter';
export * from './request-context';
export * from './text';
export * from './validation';
export * from './vietnamese-date';
