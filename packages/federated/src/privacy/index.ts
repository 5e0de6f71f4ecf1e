export {
  addGaussianNoise,
  type ClipResult,
  clipToNorm,
  distributedNoiseSd,
  type GaussianSource,
  secureGaussian,
} from './clip-and-noise';
export { gaussianPrivacyBudget, gaussianRdp, type PrivacyBudget, rdpToEpsilon } from './rdp-accountant';
