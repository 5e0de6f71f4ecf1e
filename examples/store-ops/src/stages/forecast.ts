import type { DemoContext } from '../context';
import type { StageDefinition } from '../runner/stage-runner';

export interface ForecastSection {
  placeholder: true;
}

export const forecastStage: StageDefinition<DemoContext> = {
  name: 'forecast',
  title: 'Forecast',
  run: async () => {
    throw new Error('not implemented yet');
  },
};

export interface DemandHandoff {
  placeholder: true;
}
