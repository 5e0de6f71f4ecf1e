export { gammaDemand, normalDemand } from './continuous';
export { bisectIncreasing, type DemandDistribution } from './demand-distribution';
export { negativeBinomialDemand, poissonDemand } from './discrete';
export { empiricalDemand, upperBound } from './empirical';
export { logFactorial, regularizedGammaP, regularizedGammaQ } from './incomplete-gamma';
export {
  inverseStandardNormalLoss,
  normalCdf,
  normalPdf,
  normalQuantile,
  standardNormalCdf,
  standardNormalComplementaryLoss,
  standardNormalLoss,
  standardNormalPdf,
  standardNormalQuantile,
  standardNormalSecondLoss,
  standardNormalSurvival,
} from './normal';
export { requireProbability } from './probability';
export { interpolateQuantile, quantileDemand } from './quantile-demand';
