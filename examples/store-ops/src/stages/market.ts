import type { DemoContext } from '../context';
import type { StageDefinition } from '../runner/stage-runner';

export interface MarketSection {
  placeholder: true;
}

export const marketStage: StageDefinition<DemoContext> = {
  name: 'market',
  title: 'Market',
  run: async () => {
    throw new Error('not implemented yet');
  },
};
