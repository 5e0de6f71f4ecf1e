export * from './aggregation/index';
export * from './client/index';
export * from './crypto/index';
export * from './errors/index';
export * from './models/index';
export * from './privacy/index';
export * from './protocol/index';
export * from './vector/index';
