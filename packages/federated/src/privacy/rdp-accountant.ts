import { InvalidArgumentError } from '@shoppilot/core';

/** What the privacy accountant reports after some rounds. */
export interface PrivacyBudget {
  mechanism: 'gaussian';
  accountant: 'rdp';
  /** Noise standard deviation divided by the L2 sensitivity (the clip norm). */
  noiseMultiplier: number;
  /** Rounds composed. */
  rounds: number;
  delta: number;
  /** ε of (ε, δ)-DP at the best Rényi order. */
  epsilon: number;
  /** The Rényi order α that gave the smallest ε. */
  order: number;
  /** Neighbouring relation the guarantee holds for. */
  adjacency: 'add-or-remove-one-client';
}

/** Rényi DP of the Gaussian mechanism composed over `rounds`: ε(α) = rounds·α / (2σ²) (Mironov 2017, Prop. 7). */
export function gaussianRdp(noiseMultiplier: number, rounds: number, order: number): number {
  return (rounds * order) / (2 * noiseMultiplier * noiseMultiplier);
}

/**
 * RDP → (ε, δ): `classic` is Mironov (2017) Prop. 3, ε = RDP(α) + log(1/δ)/(α − 1); `improved` is
 * Balle et al. (2020) Thm. 21 / Canonne, Kamath & Steinke (2020), ε = RDP(α) + log((α−1)/α) −
 * (log δ + log α)/(α − 1), the conversion Opacus and TF Privacy use.
 */
export function rdpToEpsilon(
  rdp: number,
  order: number,
  delta: number,
  conversion: 'classic' | 'improved' = 'improved',
): number {
  if (conversion === 'classic') return rdp + Math.log(1 / delta) / (order - 1);
  return Math.max(0, rdp + Math.log((order - 1) / order) - (Math.log(delta) + Math.log(order)) / (order - 1));
}

/**
 * The (ε, δ) spent by `rounds` Gaussian-mechanism releases with noise multiplier σ (every client
 * taking part in every round: no subsampling amplification is claimed). Minimises ε over the Rényi
 * order α > 1 by golden-section search on log(α − 1) (ε(α) is unimodal here).
 */
export function gaussianPrivacyBudget(
  noiseMultiplier: number,
  rounds: number,
  delta: number,
  conversion: 'classic' | 'improved' = 'improved',
): PrivacyBudget {
  if (!(noiseMultiplier > 0) || !Number.isFinite(noiseMultiplier)) {
    throw new InvalidArgumentError({
      argument: 'noiseMultiplier',
      message: 'must be a finite number > 0',
      value: noiseMultiplier,
    });
  }
  if (!(delta > 0 && delta < 1)) {
    throw new InvalidArgumentError({ argument: 'delta', message: 'must be in (0, 1)', value: delta });
  }
  if (!(rounds >= 0) || !Number.isInteger(rounds)) {
    throw new InvalidArgumentError({ argument: 'rounds', message: 'must be an integer >= 0', value: rounds });
  }
  const base = {
    mechanism: 'gaussian',
    accountant: 'rdp',
    noiseMultiplier,
    rounds,
    delta,
    adjacency: 'add-or-remove-one-client',
  } as const;
  if (rounds === 0) return { ...base, epsilon: 0, order: Number.POSITIVE_INFINITY };
  const epsilonAt = (logOrderMinusOne: number) => {
    const order = 1 + Math.exp(logOrderMinusOne);
    return rdpToEpsilon(gaussianRdp(noiseMultiplier, rounds, order), order, delta, conversion);
  };
  const best = goldenSection(epsilonAt, Math.log(1e-4), Math.log(1e6));
  return { ...base, epsilon: epsilonAt(best), order: 1 + Math.exp(best) };
}

function goldenSection(f: (x: number) => number, low: number, high: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = low;
  let b = high;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  for (let i = 0; i < 200 && b - a > 1e-12; i++) {
    if (f(c) < f(d)) b = d;
    else a = c;
    c = b - ratio * (b - a);
    d = a + ratio * (b - a);
  }
  return (a + b) / 2;
}
