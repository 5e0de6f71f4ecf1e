export * from './events/index';
export * from './features/index';
export * from './linear/index';
export * from './metrics/index';
export * from './predictor/index';
export * from './segment/index';
export * from './sentiment/index';
