export * from './periods';
export * from './work-calendar';
export * from './schedule';
