export * from './aggregation/index';
export * from './crypto/index';
export * from './errors/index';
export * from './privacy/index';
export * from './vector/index';
