export {
  type CkksParameters,
  ciphertextCount,
  DEFAULT_CKKS_PARAMETERS,
  maxCoeffModulusBits,
  type ResolvedCkksParameters,
  resolveCkksParameters,
} from './ckks-parameters';
export { type CkksKeyPair, CkksSession, keyFingerprint } from './ckks-session';
export { CkksSum } from './ckks-sum';
export {
  type MaskPeer,
  maskVector,
  type RevealedKey,
  removeDroppedMasks,
  sumResidues,
} from './mask-protocol';
export {
  applyMask,
  decodeFixedPoint,
  encodeFixedPoint,
  exportMaskingPrivateKey,
  generateMaskingKeyPair,
  importMaskingKeyPair,
  isResidueVector,
  MASK_MODULUS,
  type MaskingKeyPair,
  maskSign,
  maskStream,
  pairwiseRoundKey,
} from './pairwise-masking';
export { loadSeal, type SealModule } from './seal-loader';
