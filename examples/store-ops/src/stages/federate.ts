import type { DemoContext } from '../context';
import type { StageDefinition } from '../runner/stage-runner';

export interface FederateSection {
  placeholder: true;
}

export const federateStage: StageDefinition<DemoContext> = {
  name: 'federate',
  title: 'Federate',
  run: async () => {
    throw new Error('not implemented yet');
  },
};
