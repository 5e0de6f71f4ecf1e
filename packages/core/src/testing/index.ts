export { type DescribeEstimatorOptions, describeEstimator } from './describe-estimator';
export { expectDeepClose } from './expect-deep-close';
