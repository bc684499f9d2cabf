/** What feature extensions use of the platform's frontend. */
export * from './account/current-user-service';
export * from './change-feed-service';
export * from './form-dialog';
export * from './download';
export * from './permitted-view-contribution';
export * from './presswork-view-widget';
export * from './store-text';
