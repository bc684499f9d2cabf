export * from './document-store';
export * from './durable-json-file';
export * from './file-document-store';
export * from './platform-collections';
export * from './store-errors';
