export * from './custom-activity-schema';
export * from './supplied-activities';
export * from './workflow-protocol';
