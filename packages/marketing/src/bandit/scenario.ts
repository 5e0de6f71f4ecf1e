import { InputValidationError } from '@shoppilot/core';
import { z } from 'zod';

const drift = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  /** ROAS moves linearly from `roas` at period 0 to `roasEnd` at the last period. */
  z.object({ type: z.literal('linear'), roasEnd: z.number().positive() }),
  /** ROAS * (1 + amplitude * sin(2 pi t / periodLength)). */
  z.object({
    type: z.literal('sine'),
    amplitude: z.number().min(0).lt(1),
    periodLength: z.number().positive(),
  }),
  /** ROAS jumps to `roas` at period `atPeriod`. */
  z.object({ type: z.literal('step'), atPeriod: z.number().int().min(0), roas: z.number().positive() }),
]);

const channel = z.object({
  name: z.string().min(1),
  /** Expected return on ad spend (revenue per unit spent). */
  roas: z.number().positive(),
  /** Log-scale sd of one period's observed ROAS at the reference spend (budget / channels). */
  noise: z.number().min(0).default(0.3),
  drift: drift.default({ type: 'none' }),
  minimum: z.number().min(0).optional(),
  maximum: z.number().min(0).optional(),
});

export const budgetScenarioSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  /** Plain-language assumptions reported next to the results (ROAS spread, drift, delay...). */
  assumptions: z.record(z.string(), z.string()).default({}),
  channels: z.array(channel).min(2),
  budgetPerPeriod: z.number().positive(),
  /** Periods until a period's revenue is observed (0 = by the next decision). */
  delayPeriods: z.number().int().min(0).default(0),
  explorationShare: z.number().min(0).max(1).default(0.05),
  /** Default simulated periods when the caller gives none. */
  periods: z.number().int().positive().default(365),
});

export type BudgetScenario = z.infer<typeof budgetScenarioSchema>;
export type ScenarioChannel = z.infer<typeof channel>;
export type ScenarioInput = z.input<typeof budgetScenarioSchema>;

/** Validates a scenario (parsed JSON); errors name the field path and the file. */
export function parseBudgetScenario(json: unknown, file = 'scenario'): BudgetScenario {
  const result = budgetScenarioSchema.safeParse(json);
  if (!result.success) {
    throw new InputValidationError({
      issues: result.error.issues.map((issue) => ({
        file,
        field: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }
  return result.data;
}

/** A channel's true expected ROAS in period t of `periods`. */
export function channelRoas(channelSpec: ScenarioChannel, t: number, periods: number): number {
  const drift = channelSpec.drift;
  switch (drift.type) {
    case 'none':
      return channelSpec.roas;
    case 'linear':
      return channelSpec.roas + ((drift.roasEnd - channelSpec.roas) * t) / Math.max(1, periods - 1);
    case 'sine':
      return channelSpec.roas * (1 + drift.amplitude * Math.sin((2 * Math.PI * t) / drift.periodLength));
    case 'step':
      return t >= drift.atPeriod ? drift.roas : channelSpec.roas;
  }
}
