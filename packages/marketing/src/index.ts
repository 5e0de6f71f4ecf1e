export * from './bandit/index';
export * from './churn/index';
export * from './clv/index';
export * from './copy/index';
export * from './math/index';
