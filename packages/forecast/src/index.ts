export * from './backtest/index';
export * from './errors/index';
export * from './features/index';
export * from './metrics/index';
export * from './models/index';
export * from './outliers/index';
export * from './panel/index';
export * from './pipeline/index';
