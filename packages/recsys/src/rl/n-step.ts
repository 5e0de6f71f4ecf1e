/** One environment step of an episode, as the agent recorded it. */
export interface RecordedStep<O> {
  observation: O;
  action: number;
  reward: number;
  /** Observation after the step. */
  next: O;
  /** The episode ended with this step. */
  done: boolean;
}

/** An n-step transition (Sutton & Barto 2018, §7.1): the first reward apart, the rest discounted. */
export interface NStepTransition<O> {
  observation: O;
  action: number;
  /** r_t (the immediate reward of the action). */
  reward: number;
  /** Σ_{k=1}^{m−1} γ^k r_{t+k}: the discounted rewards after the first, m = steps looked ahead. */
  laterRewards: number;
  /** γ^m, or 0 when the episode ended within the m steps (no bootstrap). */
  bootstrapDiscount: number;
  /** Observation s_{t+m} to bootstrap from. */
  next: O;
}

/**
 * The n-step transitions of a finished episode: from each step t, m = min(n, steps left) rewards
 * and the bootstrap discount γ^m on Q(s_{t+m}) (0 if the episode ended). n = 1 is the one-step
 * DQN transition.
 */
export function nStepTransitions<O>(
  episode: readonly RecordedStep<O>[],
  n: number,
  gamma: number,
): NStepTransition<O>[] {
  return episode.map((step, t) => {
    const last = Math.min(episode.length, t + n) - 1;
    let laterRewards = 0;
    for (let k = t + 1; k <= last; k++) laterRewards += gamma ** (k - t) * episode[k].reward;
    const end = episode[last];
    return {
      observation: step.observation,
      action: step.action,
      reward: step.reward,
      laterRewards,
      bootstrapDiscount: end.done ? 0 : gamma ** (last - t + 1),
      next: end.next,
    };
  });
}
