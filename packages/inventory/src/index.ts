export * from './decisions/index';
export * from './distributions/index';
export * from './estimators/index';
export * from './policies/index';
export * from './simulation/index';
