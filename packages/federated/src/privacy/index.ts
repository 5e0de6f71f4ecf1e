export { addGaussianNoise, type ClipResult, clipToNorm, distributedNoiseSd } from './clip-and-noise';
export { gaussianPrivacyBudget, gaussianRdp, type PrivacyBudget, rdpToEpsilon } from './rdp-accountant';
