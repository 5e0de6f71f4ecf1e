export {
  add,
  bytesToFloat64,
  checkFinite,
  checkSameLength,
  float64ToBytes,
  l2Norm,
  maxAbs,
  scaled,
  subtract,
} from './vector-ops';
