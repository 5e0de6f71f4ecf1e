import type { Rng } from '@shoppilot/core';

/** An item as the simulated users see it. */
export interface SimulatedItem {
  /** Unit-length topic vector (e.g. normalised item factors of a model fitted on the log). */
  embedding: Float32Array;
  /** Intrinsic attractiveness (logit scale; e.g. standardised log-popularity times a fitted weight). */
  quality: number;
  /** Logit of buying after a click (from the item's buy/view ratio in the log). */
  conversionLogit: number;
  /** Order value when bought (1 when the log has no prices). */
  price: number;
}

/** What the reward counts: `click·click + buy·conversion + buy·price·value`. Default `{ click: 0, conversion: 0, value: 1 }` = revenue. */
export interface RewardDefinition {
  click: number;
  conversion: number;
  value: number;
}

/** The simulator's dynamics (fitted parts come from `fitUserSimulator`, the rest are stated settings). */
export interface SimulatorSettings {
  /** Weight β of interest·embedding in the click utility (fitted). */
  affinity: number;
  /** Utility of not clicking (sets the base click rate). */
  noClickUtility: number;
  /** Utility lost per unit of fatigue (similarity-weighted recent exposures). */
  fatigue: number;
  /** Fatigue carried to the next step. */
  fatigueDecay: number;
  /** Interest drift η towards a clicked item: u ← normalise((1 − η) u + η v). */
  drift: number;
  /** Probability of leaving after a step without a click (per step, mobile ×1.5). */
  leaveAfterNoClick: number;
  /** Steps per session at most. */
  sessionLength: number;
  reward: RewardDefinition;
  /** `expected`: a click earns `P(buy | click) · (conversion + value · price)` (lower variance); `sampled`: only drawn buys earn. Default `expected`. */
  conversionReward: 'expected' | 'sampled';
}

export const DEFAULT_SIMULATOR_SETTINGS: SimulatorSettings = {
  affinity: 4,
  noClickUtility: 1.5,
  fatigue: 1.2,
  fatigueDecay: 0.7,
  drift: 0.15,
  leaveAfterNoClick: 0.15,
  sessionLength: 20,
  reward: { click: 0, conversion: 0, value: 1 },
  conversionReward: 'expected',
};

/** The hidden state of one simulated session. */
export interface SimulatedSession {
  /** The user's logged profile (what a recommender can see). */
  profile: Float32Array;
  /** The current interest (hidden; starts at the profile, drifts). */
  interest: Float32Array;
  /** Fatigue per item (decays each step). */
  fatigue: Float64Array;
  context: { mobile: boolean };
  step: number;
  done: boolean;
  /** Items shown so far and whether each was clicked / bought. */
  shown: number[];
  clicked: boolean[];
  bought: boolean[];
}

export interface StepOutcome {
  click: boolean;
  buy: boolean;
  reward: number;
  done: boolean;
}

/**
 * A RecSim-style user (Ie et al. 2019): a logit choice between the shown item and not clicking,
 * with utility `β·u·v + quality − φ·fatigue`; a click may convert with the item's conversion
 * probability; interest drifts towards clicked items; exposure fatigue spreads to similar items
 * and decays; a step without a click may end the session (more often on mobile).
 */
export class UserSimulator {
  readonly items: readonly SimulatedItem[];
  readonly profiles: readonly Float32Array[];
  readonly settings: SimulatorSettings;

  constructor(
    items: readonly SimulatedItem[],
    profiles: readonly Float32Array[],
    settings: Partial<SimulatorSettings> = {},
  ) {
    this.items = items;
    this.profiles = profiles;
    this.settings = {
      ...DEFAULT_SIMULATOR_SETTINGS,
      ...settings,
      reward: { ...DEFAULT_SIMULATOR_SETTINGS.reward, ...settings.reward },
    };
  }

  get dimension(): number {
    return this.items[0]?.embedding.length ?? 0;
  }

  /** A new session for a random logged user and context. */
  reset(rng: Rng): SimulatedSession {
    const profile = this.profiles[rng.int(this.profiles.length)];
    return {
      profile,
      interest: profile.slice(),
      fatigue: new Float64Array(this.items.length),
      context: { mobile: rng.next() < 0.5 },
      step: 0,
      done: false,
      shown: [],
      clicked: [],
      bought: [],
    };
  }

  /** Click probability of `item` in the current state. */
  clickProbability(session: SimulatedSession, item: number): number {
    const it = this.items[item];
    const utility =
      this.settings.affinity * dot(session.interest, it.embedding) +
      it.quality -
      this.settings.fatigue * session.fatigue[item];
    return 1 / (1 + Math.exp(this.settings.noClickUtility - utility));
  }

  /** Expected one-step reward of showing `item` now. */
  expectedReward(session: SimulatedSession, item: number): number {
    const p = this.clickProbability(session, item);
    const it = this.items[item];
    const q = 1 / (1 + Math.exp(-it.conversionLogit));
    const { reward } = this.settings;
    return p * (reward.click + q * (reward.conversion + reward.value * it.price));
  }

  /** Shows `item`, draws the response, updates the session in place. */
  step(session: SimulatedSession, item: number, rng: Rng): StepOutcome {
    const s = this.settings;
    const it = this.items[item];
    const click = rng.next() < this.clickProbability(session, item);
    const conversion = 1 / (1 + Math.exp(-it.conversionLogit));
    const buy = click && rng.next() < conversion;
    const earned = s.conversionReward === 'expected' ? (click ? conversion : 0) : buy ? 1 : 0;
    const reward = (click ? s.reward.click : 0) + earned * (s.reward.conversion + s.reward.value * it.price);
    this.advance(session, item, click, buy);
    const leave = !click && rng.next() < this.leaveProbability(session);
    session.done = leave || session.done;
    return { click, buy, reward, done: session.done };
  }

  /** Probability that a step without a click ends the session (×1.5 on mobile, at most 1). */
  leaveProbability(session: SimulatedSession): number {
    return Math.min(1, this.settings.leaveAfterNoClick * (session.context.mobile ? 1.5 : 1));
  }

  /**
   * The deterministic part of a step with a given outcome: fatigue decays and spreads from `item`,
   * interest drifts towards it after a click, the history grows; `done` only when the last step is
   * reached (leaving after a miss is drawn by `step`). A number as `click` is a click probability:
   * the interest then drifts by that share of η (the mean-field step used by `rolloutValues`).
   */
  advance(session: SimulatedSession, item: number, click: boolean | number, buy = false): void {
    const s = this.settings;
    for (let j = 0; j < session.fatigue.length; j++) session.fatigue[j] *= s.fatigueDecay;
    this.#spreadFatigue(session, item);
    const rate = s.drift * (typeof click === 'number' ? click : click ? 1 : 0);
    if (rate > 0) driftTowards(session.interest, this.items[item].embedding, rate);
    session.shown.push(item);
    session.clicked.push(click === true);
    session.bought.push(buy);
    session.step++;
    session.done = session.step >= s.sessionLength;
  }

  /** Exposure fatigue: every item gains max(0, cos(shown, item))² (the shown item itself gains 1). */
  #spreadFatigue(session: SimulatedSession, shown: number): void {
    const v = this.items[shown].embedding;
    for (let j = 0; j < this.items.length; j++) {
      const c = dot(v, this.items[j].embedding);
      if (c > 0) session.fatigue[j] += c * c;
    }
  }
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** u ← normalise((1 − rate)·u + rate·v), in place. */
export function driftTowards(interest: Float32Array, target: Float32Array, rate: number): void {
  let norm = 0;
  for (let i = 0; i < interest.length; i++) {
    interest[i] = (1 - rate) * interest[i] + rate * target[i];
    norm += interest[i] * interest[i];
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < interest.length; i++) interest[i] *= scale;
}
