import type { BenchSuite } from '../harness';

/** Every suite, in the order `pnpm bench` runs them. Each package's suites live in their own file. */
export const suites: BenchSuite[] = [];
