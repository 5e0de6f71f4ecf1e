export * from './clv/index';
export * from './math/index';
