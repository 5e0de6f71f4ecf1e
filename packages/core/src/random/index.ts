export { createRng, type Rng, xoshiro128ss } from './rng';
