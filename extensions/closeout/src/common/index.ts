export * from './closeout-protocol';
export * from './closeout-activity';
