import type { DemoContext } from '../context';
import type { StageDefinition } from '../runner/stage-runner';

export interface RecommendSection {
  placeholder: true;
}

export const recommendStage: StageDefinition<DemoContext> = {
  name: 'recommend',
  title: 'Recommend',
  run: async () => {
    throw new Error('not implemented yet');
  },
};
