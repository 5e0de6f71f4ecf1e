import { createRng, InvalidArgumentError } from '@shoppilot/core';
import type { BgNbdParameters } from './bg-nbd';
import type { ParetoNbdParameters } from './pareto-nbd';
import type { RfmRow } from './rfm-data';

export interface SimulateRfmOptions {
  /** Customers to simulate. Default 1,000. */
  customers?: number;
  /** Observation window length T (all customers start at time 0). Default 52. */
  T?: number;
  /** Seed of the random stream. Default 0. */
  seed?: number;
}

function settings(options: SimulateRfmOptions) {
  const customers = options.customers ?? 1000;
  const T = options.T ?? 52;
  if (!(Number.isInteger(customers) && customers > 0))
    throw new InvalidArgumentError({
      argument: 'customers',
      message: 'must be a positive integer',
      value: customers,
    });
  if (!(T > 0)) throw new InvalidArgumentError({ argument: 'T', message: 'must be > 0', value: T });
  return { customers, T, rng: createRng(options.seed ?? 0) };
}

/**
 * Customers drawn from the BG/NBD story: rate lambda ~ Gamma(r, scale 1/alpha), drop-out
 * probability p ~ Beta(a, b); purchases follow a Poisson process and after each repeat purchase
 * the customer leaves with probability p. For known-answer tests (parameter recovery).
 */
export function simulateBgNbd(params: BgNbdParameters, options: SimulateRfmOptions = {}): RfmRow[] {
  const { customers, T, rng } = settings(options);
  const rows: RfmRow[] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = rng.gamma(params.r, 1 / params.alpha);
    const p = rng.beta(params.a, params.b);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (rng.next() < p) break;
    }
    rows.push({ frequency: x, recency: tx, T });
  }
  return rows;
}

/**
 * Customers drawn from the Pareto/NBD story: rate lambda ~ Gamma(r, 1/alpha), lifetime
 * tau ~ Exp(mu) with mu ~ Gamma(s, 1/beta); Poisson purchases while alive.
 */
export function simulateParetoNbd(params: ParetoNbdParameters, options: SimulateRfmOptions = {}): RfmRow[] {
  const { customers, T, rng } = settings(options);
  const rows: RfmRow[] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = rng.gamma(params.r, 1 / params.alpha);
    const mu = rng.gamma(params.s, 1 / params.beta);
    const end = Math.min(T, -Math.log(1 - rng.next()) / mu);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (t > end) break;
      x++;
      tx = t;
    }
    rows.push({ frequency: x, recency: tx, T });
  }
  return rows;
}
