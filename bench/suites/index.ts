import type { BenchSuite } from '../harness';
import { coreTensorSuites } from './core-tensor';
import { coreEmbeddingSuites } from './core-embeddings';
import { inventorySuites } from './inventory';

/** Every suite, in the order `pnpm bench` runs them. Each package's suites live in their own file. */
export const suites: BenchSuite[] = [...coreTensorSuites, ...coreEmbeddingSuites, ...inventorySuites];
