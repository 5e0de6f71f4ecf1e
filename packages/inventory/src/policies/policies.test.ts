import { describe, expect, it } from 'vitest';
import { gammaDemand, normalDemand } from '../distributions/continuous';
import { negativeBinomialDemand, poissonDemand } from '../distributions/discrete';
import { empiricalDemand } from '../distributions/empirical';
import { standardNormalLoss } from '../distributions/normal';
import { economicOrderQuantity, economicOrderQuantityWithBackorders, eoqBackorderCost, eoqCost } from './eoq';
import { newsvendor, newsvendorCost, newsvendorNormal } from './newsvendor';
import { optimizeRQ, rqCost } from './r-q';
import {
  fillRateOfNormalReorderPoint,
  leadTimeDemand,
  levelForCycleService,
  levelForFillRate,
  safetyStockForCycleService,
  safetyStockForFillRate,
} from './safety-stock';

describe('EOQ (stockpyl published examples)', () => {
  it('K = 8, h = 0.225, demand 1300 gives Q = 304.0468 and cost 68.4105', () => {
    const result = economicOrderQuantity({ fixedCost: 8, holdingCost: 0.225, demandRate: 1300 });
    expect(result.orderQuantity).toBeCloseTo(304.0468, 4);
    expect(result.cost).toBeCloseTo(68.4105, 4);
    expect(eoqCost({ fixedCost: 8, holdingCost: 0.225, demandRate: 1300 }, result.orderQuantity)).toBeCloseTo(
      result.cost,
      10,
    );
  });

  it('with planned backorders matches a numeric minimisation of the cost', () => {
    // python3: scipy.optimize.minimize(K*lam/Q + h*(1-x)**2*Q/2 + p*x**2*Q/2, Nelder-Mead), K=8, h=0.225, p=5, lam=1300
    // -> Q = 310.81255520563934, x = 0.04306220055851457, cost = 66.92136355097324
    const input = { fixedCost: 8, holdingCost: 0.225, demandRate: 1300, backorderCost: 5 };
    const result = economicOrderQuantityWithBackorders(input);
    expect(result.orderQuantity).toBeCloseTo(310.81255520563934, 5);
    expect(result.backorderFraction).toBeCloseTo(0.04306220055851457, 7);
    expect(result.cost).toBeCloseTo(66.92136355097324, 7);
    expect(eoqBackorderCost(input, result.orderQuantity, result.backorderFraction)).toBeCloseTo(
      result.cost,
      10,
    );
    // As p grows the backorder model approaches the plain EOQ.
    const large = economicOrderQuantityWithBackorders({ ...input, backorderCost: 1e9 });
    expect(large.orderQuantity).toBeCloseTo(304.0468, 3);
  });
});

describe('newsvendor', () => {
  it('stockpyl example: h = 0.18, p = 0.70, N(50, 8^2) gives S = 56.6040, cost 1.9976', () => {
    const result = newsvendorNormal({ holdingCost: 0.18, stockoutCost: 0.7, mean: 50, sd: 8 });
    expect(result.orderUpTo).toBeCloseTo(56.604, 4);
    expect(result.cost).toBeCloseTo(1.9976, 4);
  });

  it('stockpyl example: h = 2, p = 18, N(120, 10^2) gives S = 132.8155, cost 35.0997', () => {
    const result = newsvendorNormal({ holdingCost: 2, stockoutCost: 18, mean: 120, sd: 10 });
    expect(result.orderUpTo).toBeCloseTo(132.8155, 4);
    expect(result.cost).toBeCloseTo(35.0997, 4);
  });

  it('Poisson newsvendor (h = 1, p = 4, lambda = 20) matches a direct sum and beats its neighbours', () => {
    // python3: S = poisson.ppf(0.8, 20) = 24; cost = sum((max(S-k,0) + 4 max(k-S,0)) pmf(k)) = 6.438003702008713;
    // cost(23) = 6.500539618066576, cost(25) = 6.654140592877522
    const d = poissonDemand(20);
    const costs = { holdingCost: 1, stockoutCost: 4 };
    const result = newsvendor(d, costs);
    expect(result.orderUpTo).toBe(24);
    expect(result.cost).toBeCloseTo(6.438003702008713, 10);
    expect(newsvendorCost(d, costs, 23)).toBeCloseTo(6.500539618066576, 10);
    expect(newsvendorCost(d, costs, 25)).toBeCloseTo(6.654140592877522, 10);
  });

  it('empirical newsvendor picks the sample quantile and no neighbour does better', () => {
    const samples = [3, 9, 4, 12, 7, 5, 8, 6, 10, 2];
    const d = empiricalDemand(samples);
    const costs = { holdingCost: 1, stockoutCost: 3 };
    const result = newsvendor(d, costs); // critical ratio 0.75 -> 8th smallest of 10 = 9
    expect(result.orderUpTo).toBe(9);
    const direct = (s: number) =>
      samples.reduce((sum, x) => sum + Math.max(s - x, 0) + 3 * Math.max(x - s, 0), 0) / samples.length;
    expect(result.cost).toBeCloseTo(direct(9), 12);
    for (const s of [7, 8, 10, 11]) expect(direct(s)).toBeGreaterThanOrEqual(direct(9) - 1e-12);
  });
});

describe('safety stock', () => {
  it('cycle service: z sqrt(L sigma_d^2 + d^2 sigma_L^2)', () => {
    // d = 100/day, sigma_d = 20, L = 4 days, sigma_L = 1 day, 95%:
    // sqrt(4 * 400 + 10000 * 1) = sqrt(11600) = 107.7033; z = 1.6448536269514722
    const result = safetyStockForCycleService({
      demandMean: 100,
      demandSd: 20,
      leadTime: 4,
      leadTimeSd: 1,
      serviceLevel: 0.95,
    });
    expect(result.leadTimeDemand.sd).toBeCloseTo(Math.sqrt(11600), 12);
    expect(result.safetyStock).toBeCloseTo(1.6448536269514722 * Math.sqrt(11600), 9);
    expect(result.reorderPoint).toBeCloseTo(400 + result.safetyStock, 9);
  });

  it('fill rate through the loss function: G(z) = (1 - beta) Q / sigma_L', () => {
    // mu_L = 100, sigma_L = 20 (d = 25, sigma_d = 10, L = 4), Q = 200, beta = 0.99 -> G(z) = 0.1;
    // python3: scipy.optimize.brentq(lambda z: norm.pdf(z) - z*norm.sf(z) - 0.1, -5, 5) = 0.9023463475100344
    const input = { demandMean: 25, demandSd: 10, leadTime: 4, fillRate: 0.99, orderQuantity: 200 };
    const result = safetyStockForFillRate(input);
    expect(result.z).toBeCloseTo(0.9023463475100344, 9);
    expect(fillRateOfNormalReorderPoint(leadTimeDemand(input), result.reorderPoint, 200)).toBeCloseTo(
      0.99,
      12,
    );
    expect(standardNormalLoss(result.z)).toBeCloseTo(0.1, 12);
  });

  it('order up to the p-quantile of any lead-time demand distribution', () => {
    const normal = levelForCycleService(normalDemand(400, 50), 0.95, 'mean');
    expect(normal.safetyStock).toBeCloseTo(50 * 1.6448536269514722, 9);
    const poisson = levelForCycleService(poissonDemand(12.5), 0.95);
    expect(poisson.level).toBe(19);
    expect(poisson.safetyStock).toBe(19 - 12);
    const gamma = levelForCycleService(gammaDemand(50, 20), 0.95);
    expect(gamma.level).toBeCloseTo(86.78321345556037, 7);
  });

  it('fill-rate level for non-normal demand meets the loss target exactly at the boundary', () => {
    for (const d of [
      poissonDemand(30),
      negativeBinomialDemand(30, 90),
      gammaDemand(30, 12),
      empiricalDemand([1, 5, 9, 30, 44, 60]),
    ]) {
      const target = (1 - 0.95) * 30;
      const { level } = levelForFillRate(d, 0.95, 30);
      expect(d.loss(level)).toBeLessThanOrEqual(target + 1e-9);
      const below = d.discrete ? level - 1 : level - 1e-6;
      expect(d.loss(below)).toBeGreaterThan(target - 1e-9);
    }
    // Normal: the level equals mu + sigma G^-1((1 - beta) Q / sigma).
    const normal = levelForFillRate(normalDemand(100, 20), 0.99, 200, 'mean');
    expect(normal.safetyStock / 20).toBeCloseTo(0.9023463475100344, 8);
  });
});

describe('(r, Q) with normal lead-time demand', () => {
  const input = {
    fixedCost: 8,
    holdingCost: 0.225,
    stockoutCost: 7.5,
    demandRate: 1300,
    leadTimeDemandMean: 1300 / 12,
    leadTimeDemandSd: 150 * Math.sqrt(1 / 12),
  };

  it('cost matches numeric integration of the level cost', () => {
    // python3 (scipy.integrate.quad of g(y) = h E[(y-D)+] + p E[(D-y)+] over [r, r+Q], D ~ N(108.33, 43.30^2)):
    // C(120, 300) = 78.73602325404615, C(100, 250) = 87.34647802817497
    expect(rqCost(input, 120, 300)).toBeCloseTo(78.73602325404615, 9);
    expect(rqCost(input, 100, 250)).toBeCloseTo(87.34647802817497, 9);
  });

  it('optimum matches a Nelder-Mead minimisation of the same cost', () => {
    // python3: scipy.optimize.minimize(C, [110, 320], method='Nelder-Mead') ->
    // r = 126.86706395096185, Q = 328.44913806323785, cost = 78.07114627035178
    const result = optimizeRQ(input);
    expect(result.reorderPoint).toBeCloseTo(126.86706395096185, 4);
    expect(result.orderQuantity).toBeCloseTo(328.44913806323785, 4);
    expect(result.cost).toBeCloseTo(78.07114627035178, 8);
  });
});
