import type { DemoContext } from '../context';
import type { StageDefinition, StageTools } from '../runner/stage-runner';
import { allocateOverWeeks, type BudgetResult } from './market/budget';
import { type ClvResult, customerValue } from './market/clv';
import { type CopyResultSection, copyModel, productFacts, writeCopy } from './market/copy';
import { attempt } from './shared';

export interface MarketSection {
  copy?: CopyResultSection;
  budget?: BudgetResult;
  clv?: ClvResult;
}

async function market(context: DemoContext, tools: StageTools): Promise<void> {
  const retail = await context.retail();
  const section: MarketSection = {};
  context.report.market = section;
  section.copy = await attempt(tools, 'copy generation', async () => {
    const model = copyModel(context.options.llmBaseUrl, context.options.llmModel);
    const result = await writeCopy(productFacts(retail.lines, 3), model, context.options.seed);
    if (context.options.llmBaseUrl) {
      const offline = result.samples.filter((s) => !s.model.startsWith('openai-compatible')).length;
      if (offline > 0)
        tools.degrade(
          `${offline} of ${result.samples.length} copy variants came from the offline template model: the LLM at ${context.options.llmBaseUrl} did not answer`,
        );
    }
    return result;
  });
  section.budget = await attempt(tools, 'budget allocation', async () =>
    allocateOverWeeks(context.options.seed),
  );
  section.clv = await attempt(tools, 'CLV and churn', async () => customerValue(retail.lines, retail.end));
  if (section.clv && section.clv.invalidClv > 0)
    tools.degrade(`CLV not finite for ${section.clv.invalidClv} customers (left out of the totals)`);
}

export const marketStage: StageDefinition<DemoContext> = {
  name: 'market',
  title: 'Market: copy, budget, CLV and churn',
  run: market,
};
