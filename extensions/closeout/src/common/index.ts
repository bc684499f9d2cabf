export * from './closeout-protocol';
