export { type BfgsOptions, bfgs, type ValueAndGradient } from './bfgs';
export { digamma } from './digamma';
export { gaussLegendre, logIntegrate, type QuadratureRule } from './gauss-legendre';
export { hyp2f1, type LogValue, logHyp2f1 } from './hyp2f1';
export { lgamma, logAddExp, logSubExp, logSumExp } from './log-space';
export { type MinimizeResult, type NelderMeadOptions, nelderMead } from './nelder-mead';
