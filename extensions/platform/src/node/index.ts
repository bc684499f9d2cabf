/** What feature extensions use of the platform's backend. */
export * from './change-feed/change-feed-projection';
export * from './presswork-config';
export * from './rpc/bind-guarded-service';
export * from './rpc/rpc-caller';
export * from './secrets/secret-box';
export * from './store/document-store';
export * from './store/platform-collections';
export * from './store/store-errors';
export * from './platform-startup';
export * from './rpc/bind-root-singleton';
