import type { DemoContext } from '../context';
import type { StageDefinition, StageTools } from '../runner/stage-runner';

type Loader = () => Promise<StageDefinition<DemoContext>>;

/**
 * A stage whose module is imported when it runs: a package that fails to load fails only the
 * stages that use it, and the report still shows the others.
 */
function lazy(name: string, title: string, load: Loader): StageDefinition<DemoContext> {
  return {
    name,
    title,
    run: async (context: DemoContext, tools: StageTools) => (await load()).run(context, tools),
  };
}

/** Every stage, in the order the demo runs them (names match `STAGE_NAMES`). */
export const STAGES: readonly StageDefinition<DemoContext>[] = [
  lazy(
    'ingest',
    'Ingest a year of invoices into the store',
    async () => (await import('./ingest')).ingestStage,
  ),
  lazy('profile', 'Profile customers', async () => (await import('./profile')).profileStage),
  lazy('recommend', 'Recommend products', async () => (await import('./recommend')).recommendStage),
  lazy('forecast', 'Forecast demand', async () => (await import('./forecast')).forecastStage),
  lazy('replenish', 'Replenish stock', async () => (await import('./replenish')).replenishStage),
  lazy('market', 'Market: copy, budget, CLV and churn', async () => (await import('./market')).marketStage),
  lazy(
    'federate',
    'Federated demand model across warehouses',
    async () => (await import('./federate')).federateStage,
  ),
];
