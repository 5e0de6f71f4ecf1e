import { createHash } from 'node:crypto';
import type { Panel, RidgeForecaster } from '@shoppilot/forecast';
import type { FederatedTrainer, LocalTrainingOptions, LocalUpdate } from '../../client/federated-trainer';
import { buildRidgeForecaster, holdoutErrors, interceptsOf } from './ridge-forecaster-state';
import { type CutoffMoments, type RidgeMoments, ridgeMoments } from './ridge-moments';
import { type FederatedRidgeOptions, type RidgeDesignSpec, ridgeDesignSpec } from './ridge-spec';
import {
  choleskySolve,
  cutoffStatisticsLength,
  packCutoff,
  type RidgeSolution,
  solveFromStatistics,
} from './ridge-statistics';

/** A ridge client: a federated trainer that also turns a global vector into a forecast model. */
export interface RidgeTrainer extends FederatedTrainer {
  readonly spec: RidgeDesignSpec;
  /** The client's `RidgeForecaster` (its own series) from a published global vector. */
  forecaster(global: Float64Array): RidgeForecaster;
  /** The local-only model: the same ridge fitted on this client's data alone. */
  localForecaster(): RidgeForecaster;
}

/**
 * Exact federated ridge by sufficient statistics: each client sends its within-series X̃ᵀX̃, X̃ᵀỹ and
 * column moments at the holdout and final cutoffs; their sum gives exactly the centrally fitted
 * slopes (one round). Intercepts stay on the clients.
 */
export function createRidgeStatisticsTrainer(
  panel: Panel,
  options: FederatedRidgeOptions = {},
): RidgeTrainer {
  const spec = ridgeDesignSpec(panel, options);
  const moments = ridgeMoments(panel, spec, options);
  const k = spec.columns.length;
  const length = cutoffStatisticsLength(k);
  const own = packStatistics(moments, k);
  const solve = (statistics: Float64Array) => ({
    holdout: solveFromStatistics(statistics, 0, k, spec.lambda),
    final: solveFromStatistics(statistics, length, k, spec.lambda),
  });
  const local = solve(own);
  return {
    spec,
    updateKind: 'statistics',
    parameterCount: 2 * length,
    sampleCount: moments.final.examples,
    layoutHash: layoutHash('ridge-statistics', spec, moments.end),
    async train(): Promise<LocalUpdate> {
      return {
        values: Float64Array.from(own),
        samples: moments.final.examples,
        metrics: { examples: moments.final.examples },
      };
    },
    async evaluate(global) {
      const federated = solve(global);
      return {
        federatedHoldoutError: meanAbsoluteError(panel, spec, moments, federated.holdout),
        localHoldoutError: meanAbsoluteError(panel, spec, moments, local.holdout),
      };
    },
    forecaster: (global) => buildRidgeForecaster(panel, spec, options, moments, solve(global)),
    localForecaster: () => buildRidgeForecaster(panel, spec, options, moments, local),
  };
}

/**
 * Federated ridge by parameter averaging: each client solves its local ridge exactly (the limit of
 * many local epochs), with the FedProx term μ·n/2·‖β − β_global‖² from round 2; the coordinator
 * averages the slopes by sample count. Converges near, not exactly to, the central solution.
 */
export function createRidgeProximalTrainer(panel: Panel, options: FederatedRidgeOptions = {}): RidgeTrainer {
  const spec = ridgeDesignSpec(panel, options);
  const moments = ridgeMoments(panel, spec, options);
  const k = spec.columns.length;
  const final = moments.final;
  const local = proximalSolve(final, spec.lambda, undefined, 0);
  const asSolution = (beta: Float64Array): RidgeSolution => ({
    beta,
    scales: local.scales,
    examples: final.examples,
  });
  return {
    spec,
    updateKind: 'parameters',
    parameterCount: k,
    sampleCount: final.examples,
    layoutHash: layoutHash('ridge-parameters', spec, moments.end),
    async train(global: Float64Array | undefined, training: LocalTrainingOptions): Promise<LocalUpdate> {
      const { beta } = proximalSolve(final, spec.lambda, global, training.proximalMu);
      return { values: beta, samples: final.examples, metrics: { trainMse: withinMse(final, beta) } };
    },
    async evaluate(global) {
      return { federatedTrainMse: withinMse(final, global), localTrainMse: withinMse(final, local.beta) };
    },
    forecaster: (global) =>
      buildRidgeForecaster(panel, spec, options, moments, {
        final: asSolution(global),
        holdout: asSolution(global),
      }),
    localForecaster: () =>
      buildRidgeForecaster(panel, spec, options, moments, {
        final: asSolution(local.beta),
        holdout: asSolution(local.beta),
      }),
  };
}

function packStatistics(moments: RidgeMoments, k: number): Float64Array {
  const length = cutoffStatisticsLength(k);
  const out = new Float64Array(2 * length);
  packCutoff(moments.holdout, k, out, 0);
  packCutoff(moments.final, k, out, length);
  return out;
}

/** argmin Σ(ỹ − X̃β)² + λ Σ d_j² β_j² + μ n ‖β − β_g‖² on one client's within-series statistics. */
function proximalSolve(m: CutoffMoments, lambda: number, global: Float64Array | undefined, mu: number) {
  const k = m.columnSum.length;
  const own = new Float64Array(cutoffStatisticsLength(k));
  packCutoff(m, k, own, 0);
  const { scales } = solveFromStatistics(own, 0, k, lambda);
  const n = Math.max(1, m.examples);
  const proximal = global ? mu * n : 0;
  const a = Float64Array.from(m.within);
  const b = Float64Array.from(m.withinXy);
  for (let j = 0; j < k; j++) {
    a[j * k + j] += lambda * scales[j] * scales[j] + proximal;
    if (global) b[j] += proximal * global[j];
  }
  return { beta: choleskySolve(a, b, k), scales };
}

/** Within-series mean squared error of slopes β (intercepts at their optimum). */
function withinMse(m: CutoffMoments, beta: Float64Array): number {
  const k = beta.length;
  let quadratic = 0;
  let linear = 0;
  for (let a = 0; a < k; a++) {
    linear += beta[a] * m.withinXy[a];
    for (let b = 0; b < k; b++) quadratic += beta[a] * m.within[a * k + b] * beta[b];
  }
  return (m.withinYy - 2 * linear + quadratic) / Math.max(1, m.examples);
}

function meanAbsoluteError(
  panel: Panel,
  spec: RidgeDesignSpec,
  moments: RidgeMoments,
  solution: RidgeSolution,
): number {
  const intercepts = interceptsOf(moments.holdout, solution.beta);
  const scales = Object.fromEntries(panel.series.map((s) => [s.id, 1]));
  const errors = holdoutErrors(panel, spec, moments, { beta: solution.beta, intercepts, scales }).flat();
  return errors.reduce((a, e) => a + Math.abs(e), 0) / Math.max(1, errors.length);
}

function layoutHash(kind: string, spec: RidgeDesignSpec, end: number): string {
  const text = JSON.stringify({
    kind,
    columns: spec.columns,
    lambda: spec.lambda,
    maxHorizon: spec.maxHorizon,
    end,
  });
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
