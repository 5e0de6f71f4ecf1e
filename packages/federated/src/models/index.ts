export * from './mlp/index';
export * from './ridge/index';
