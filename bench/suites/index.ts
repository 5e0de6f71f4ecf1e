import type { BenchSuite } from '../harness';
import { coreEmbeddingSuites } from './core-embeddings';
import { coreIoSuites } from './core-io';
import { coreStorageSuites } from './core-storage';
import { coreTensorSuites } from './core-tensor';
import { federatedSuites } from './federated';
import { forecastSuites } from './forecast';
import { inventorySuites } from './inventory';
import { marketingSuites } from './marketing';
import { profilingSuites } from './profiling';
import { recsysSuites } from './recsys';

/** Every suite, in the order `pnpm bench` runs them. Each package's suites live in their own file. */
export const suites: BenchSuite[] = [
  ...coreTensorSuites,
  ...coreEmbeddingSuites,
  ...coreStorageSuites,
  ...coreIoSuites,
  ...forecastSuites,
  ...inventorySuites,
  ...marketingSuites,
  ...profilingSuites,
  ...recsysSuites,
  ...federatedSuites,
];
