export * from './connection-input';
export * from './connection-runtime';
export * from './connections-protocol';
export * from './connection-feed';
