import { InvalidArgumentError } from '@shoppilot/core';
import type { RepeatPurchaseModel } from '../clv/model-state';

export type LifecycleStage = 'new' | 'active' | 'at-risk' | 'churned' | 'win-back';

export interface LifecycleOptions {
  /** A customer whose first purchase is at most this old (model time units) is `new`. Default 4 (weeks). */
  newWithin?: number;
  /** P(alive) at or above which a customer is `active`. Default 0.7. */
  activeAbove?: number;
  /** P(alive) below which a customer is `churned`; between the two, `at-risk`. Default 0.3. */
  churnedBelow?: number;
  /** A purchase at most this long ago after a churned-looking gap makes a customer `win-back`. Default 4. */
  winBackWithin?: number;
  /**
   * One-time buyers (frequency 0) older than this are `churned`, younger ones `at-risk`. BG/NBD
   * gives every one-time buyer P(alive) = 1 (drop-out can only follow a repeat purchase), so their
   * stage comes from the time since their only purchase instead. Default 13 (a quarter, in weeks).
   */
  oneTimeChurnAfter?: number;
}

export interface LifecycleCustomer {
  frequency: number;
  recency: number;
  T: number;
  /** Time of the purchase before the last (0 when frequency <= 1); needed to detect win-backs. */
  previousRecency?: number;
}

export interface LifecycleAssignment {
  stage: LifecycleStage;
  probabilityAlive: number;
  action: string;
  reason: string;
}

/** The recommended action per stage (plain data; override by mapping the stage yourself). */
export const lifecycleActions: Record<LifecycleStage, string> = {
  new: 'onboard: welcome series and a second-purchase incentive within the first weeks',
  active: 'nurture: cross-sell and loyalty perks, no blanket discounts',
  'at-risk': 'retain now: personalised reminder or a targeted offer sized to the customer value',
  churned: 'win back cheaply or suppress: one low-cost reactivation message, then stop paid retargeting',
  'win-back': 'reactivated: thank-you and re-onboarding, watch the next purchase closely',
};

/**
 * Lifecycle stage from purchase history and a fitted BG/NBD or Pareto/NBD model: `new` if the
 * first purchase is recent; one-time buyers by the time since their purchase (`oneTimeChurnAfter`); `win-back` if the customer bought recently after a gap at whose end
 * the model's P(alive) had fallen below the churn threshold; otherwise by P(alive): `active`,
 * `at-risk` or `churned`.
 */
export function lifecycleStage(
  model: RepeatPurchaseModel,
  customer: LifecycleCustomer,
  options: LifecycleOptions = {},
): LifecycleAssignment {
  const newWithin = options.newWithin ?? 4;
  const active = options.activeAbove ?? 0.7;
  const churned = options.churnedBelow ?? 0.3;
  const winBackWithin = options.winBackWithin ?? 4;
  if (!(churned <= active))
    throw new InvalidArgumentError({
      argument: 'churnedBelow',
      message: 'must be <= activeAbove',
      value: churned,
    });
  const probabilityAlive = model.probabilityAlive(customer);
  const assign = (stage: LifecycleStage, reason: string) => ({
    stage,
    probabilityAlive,
    action: lifecycleActions[stage],
    reason,
  });
  if (customer.T <= newWithin)
    return assign('new', `first purchase ${customer.T.toFixed(1)} ago <= ${newWithin}`);
  if (customer.frequency === 0) {
    const limit = options.oneTimeChurnAfter ?? 13;
    return customer.T > limit
      ? assign('churned', `one purchase only, ${customer.T.toFixed(1)} ago > ${limit}`)
      : assign('at-risk', `one purchase only, ${customer.T.toFixed(1)} ago <= ${limit}`);
  }
  const sinceLast = customer.T - customer.recency;
  if (customer.frequency >= 1 && sinceLast <= winBackWithin) {
    const before = {
      frequency: customer.frequency - 1,
      recency: customer.previousRecency ?? 0,
      T: customer.recency,
    };
    const aliveBefore = model.probabilityAlive(before);
    if (aliveBefore < churned) {
      return assign(
        'win-back',
        `P(alive) had fallen to ${aliveBefore.toFixed(2)} before the purchase ${sinceLast.toFixed(1)} ago`,
      );
    }
  }
  if (probabilityAlive >= active)
    return assign('active', `P(alive) ${probabilityAlive.toFixed(2)} >= ${active}`);
  if (probabilityAlive >= churned)
    return assign('at-risk', `P(alive) ${probabilityAlive.toFixed(2)} in [${churned}, ${active})`);
  return assign('churned', `P(alive) ${probabilityAlive.toFixed(2)} < ${churned}`);
}

/** Churn labels from a calibration/holdout summary: 1 when the customer made no purchase in the holdout. */
export function holdoutChurnLabels(customers: readonly { frequencyHoldout?: number }[]): number[] {
  return customers.map((c, i) => {
    if (c.frequencyHoldout === undefined) {
      throw new InvalidArgumentError({
        argument: `customers[${i}].frequencyHoldout`,
        message: 'needs a holdout window (holdoutEnd)',
      });
    }
    return c.frequencyHoldout === 0 ? 1 : 0;
  });
}
