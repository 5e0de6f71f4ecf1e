export * from './distributions/index';
export * from './policies/index';
