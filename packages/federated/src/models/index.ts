export * from './lstm/index';
export * from './mlp/index';
export * from './ridge/index';
