export { decodeArray, type EncodedArray, encodeArray } from './binary';
