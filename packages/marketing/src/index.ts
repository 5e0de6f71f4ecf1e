export * from './bandit/index';
export * from './clv/index';
export * from './math/index';
