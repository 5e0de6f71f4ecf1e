export * from './distributions/index';
