import { DimensionMismatchError } from '../errors/dimension-mismatch-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';

/** Typed arrays a feed may hold, by the ONNX element type they carry. */
export type OnnxTensorData =
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | BigUint64Array;

/** One input value: flat row-major data and its dimensions. */
export interface OnnxFeed {
  data: OnnxTensorData;
  dims: readonly number[];
}

/** Name, element type (`float32`, `int64`, …) and shape of a model input or output. */
export interface OnnxValueInfo {
  name: string;
  type: string;
  /** Per dimension: a fixed size, or a symbol (`batch`) / `null` for a dynamic one. */
  shape: Array<number | string | null>;
}

const ARRAY_TYPES: Array<[new (...args: never[]) => OnnxTensorData, string[]]> = [
  [Float32Array, ['float32']],
  [Float64Array, ['float64']],
  [Int32Array, ['int32']],
  [BigInt64Array, ['int64']],
  [Uint8Array, ['uint8', 'bool']],
  [Int8Array, ['int8']],
  [Int16Array, ['int16']],
  [Uint16Array, ['uint16', 'float16']],
  [BigUint64Array, ['uint64']],
];

/** ONNX element types a typed array can carry. */
export function typesOf(data: unknown): string[] {
  return ARRAY_TYPES.find(([ctor]) => data instanceof ctor)?.[1] ?? [];
}

export function formatShape(shape: OnnxValueInfo['shape']): string {
  return `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]`;
}

/**
 * Checks feeds against the model's inputs before the runtime sees them: every input present, no
 * unknown names, the typed array matching the element type, `dims` consistent with the data
 * length and with the model's fixed dimensions (symbolic ones must agree across inputs).
 */
export function validateFeeds(inputs: readonly OnnxValueInfo[], feeds: Record<string, OnnxFeed>): void {
  const expected = new Map(inputs.map((i) => [i.name, i]));
  for (const name of Object.keys(feeds)) {
    if (!expected.has(name)) {
      throw new InvalidArgumentError({
        argument: `feeds.${name}`,
        message: `the model has no input "${name}"; its inputs are ${inputs.map((i) => `"${i.name}" ${formatShape(i.shape)}`).join(', ')}`,
      });
    }
  }
  const symbols = new Map<string, { size: number; input: string }>();
  for (const info of inputs) {
    const feed = feeds[info.name];
    if (!feed) {
      throw new InvalidArgumentError({
        argument: `feeds.${info.name}`,
        message: `missing input "${info.name}" (${info.type} ${formatShape(info.shape)})`,
      });
    }
    checkFeed(info, feed, symbols);
  }
}

function checkFeed(
  info: OnnxValueInfo,
  feed: OnnxFeed,
  symbols: Map<string, { size: number; input: string }>,
): void {
  const what = `input "${info.name}" (expected ${info.type} ${formatShape(info.shape)})`;
  const carried = typesOf(feed.data);
  if (!carried.includes(info.type)) {
    throw new InvalidArgumentError({
      argument: `feeds.${info.name}.data`,
      message: `${what} got ${feed.data?.constructor?.name ?? typeof feed.data} (${carried.join('/') || 'not a typed array'})`,
    });
  }
  const dims = [...feed.dims];
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new InvalidArgumentError({
      argument: `feeds.${info.name}.dims`,
      message: `${what}: dims must be non-negative integers`,
      value: dims,
    });
  }
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== feed.data.length) {
    throw new DimensionMismatchError({
      what: `data length of ${what} for dims [${dims.join(', ')}]`,
      expected: size,
      actual: feed.data.length,
    });
  }
  if (info.shape.length > 0 && dims.length !== info.shape.length) {
    throw new DimensionMismatchError({ what, expected: info.shape.map(fixedOrMinusOne), actual: dims });
  }
  info.shape.forEach((d, axis) => {
    if (typeof d === 'number' && d > 0 && dims[axis] !== d) {
      throw new DimensionMismatchError({
        what: `${what}, axis ${axis}`,
        expected: info.shape.map(fixedOrMinusOne),
        actual: dims,
      });
    }
    if (typeof d === 'string' && d !== '') {
      const seen = symbols.get(d);
      if (seen && seen.size !== dims[axis]) {
        throw new DimensionMismatchError({
          what: `${what}, axis ${axis} "${d}" (${seen.size} in input "${seen.input}")`,
          expected: seen.size,
          actual: dims[axis],
        });
      }
      symbols.set(d, { size: dims[axis], input: info.name });
    }
  });
}

function fixedOrMinusOne(d: number | string | null): number {
  return typeof d === 'number' && d > 0 ? d : -1;
}
