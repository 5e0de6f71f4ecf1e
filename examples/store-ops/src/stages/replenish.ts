import type { DemoContext } from '../context';
import type { StageDefinition } from '../runner/stage-runner';

export interface ReplenishSection {
  placeholder: true;
}

export const replenishStage: StageDefinition<DemoContext> = {
  name: 'replenish',
  title: 'Replenish',
  run: async () => {
    throw new Error('not implemented yet');
  },
};
