export * from './events/index';
export * from './features/index';
