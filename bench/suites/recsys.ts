/**
 * Recsys suite: MovieLens 100K under the Microsoft Recommenders protocol, chronological
 * leave-one-out on MovieLens and the clickstream samples (SASRec vs item-kNN), the DQN against the
 * greedy one-step policy in a simulator fitted on Taobao, and search / EASE speed.
 */
import type { BenchContext, BenchSuite, SuiteOutput } from '../harness';
import { dqnSection } from './recsys-dqn';
import { movieLensSection } from './recsys-movielens';
import { sequentialSection } from './recsys-sequential';
import { speedSections } from './recsys-speed-real';

const sections: Array<[string, string, (context: BenchContext) => Promise<string | SuiteOutput>]> = [
  [
    'recsys-movielens',
    'MovieLens 100K, MS Recommenders protocol: popularity, item-kNN, EASE, ALS, BPR, blend',
    movieLensSection,
  ],
  [
    'recsys-sequential-movielens',
    'chronological leave-one-out on ML-100K: SASRec vs item-kNN',
    (context) => sequentialSection(context, 'movielens'),
  ],
  [
    'recsys-sequential-clickstream',
    'chronological leave-one-out on the Taobao, DIGINETICA and OTTO samples: SASRec vs item-kNN',
    (context) => sequentialSection(context, 'clickstream'),
  ],
  [
    'recsys-dqn',
    'DQN vs greedy one-step policy over 20-step sessions in a simulator fitted on Taobao; IPS/SNIPS',
    dqnSection,
  ],
  [
    'recsys-speed',
    'top-10 over 100,000 synthetic items and over real text embeddings (exact, HNSW, IVF-Flat), EASE fit on 5,000 items',
    speedSections,
  ],
];

export const recsysSuites: BenchSuite[] = [
  {
    name: 'recsys',
    description: 'every recsys section in one run (results in bench/results/recsys.md)',
    async run(context) {
      const parts: string[] = [];
      for (const [name, , run] of sections) {
        context.log(`\n### ${name}`);
        const part = await run(context);
        parts.push(typeof part === 'string' ? part : part.markdown);
      }
      return parts.join('\n\n');
    },
  },
  ...sections.map(([name, description, run]) => ({ name, description, run })),
];
