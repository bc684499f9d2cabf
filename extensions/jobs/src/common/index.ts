export * from './job-row';
export * from './job-query';
export * from './saved-views';
export * from './jobs-protocol';
