import { ONNX_DATA_TYPE, type OnnxElementType, type OnnxProtoTypes, onnx } from './onnx-proto';

/** An attribute value: numbers are INT when integral unless wrapped with `floatAttr`. */
export type AttributeValue =
  | number
  | string
  | number[]
  | string[]
  | { float: number }
  | { floats: number[] }
  | { tensor: OnnxProtoTypes.ITensorProto };

/** Marks a number (or list) as a FLOAT attribute. */
export const floatAttr = (value: number) => ({ float: value });
export const floatsAttr = (values: number[]) => ({ floats: values });

const AttributeType = onnx.AttributeProto.AttributeType;
const encoder = new TextEncoder();

/** Accumulates nodes and initialisers of one ONNX graph with unique names. */
export class GraphBuilder {
  readonly nodes: OnnxProtoTypes.INodeProto[] = [];
  readonly initializers: OnnxProtoTypes.ITensorProto[] = [];
  private readonly used = new Set<string>();
  private constants = new Map<string, string>();

  /** A name not used before, derived from `base` (characters ONNX tools dislike are replaced). */
  unique(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_./:-]/g, '_') || 'value';
    let name = clean;
    for (let i = 1; this.used.has(name); i++) name = `${clean}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a name exactly (graph inputs/outputs); the caller guarantees uniqueness. */
  reserve(name: string): string {
    this.used.add(name);
    return name;
  }

  /** Adds a node and returns the names of its `outputs` outputs (use '' inputs for omitted ones). */
  node(
    opType: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    outputs = 1,
    hint?: string,
  ): string[] {
    const base = hint ?? opType.toLowerCase();
    const names = Array.from({ length: outputs }, (_, i) =>
      this.unique(outputs > 1 ? `${base}_out${i}` : base),
    );
    this.nodes.push({
      opType,
      input: inputs,
      output: names,
      name: this.unique(`${base}_node`),
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return names;
  }

  /** Adds a single-output node and returns its output name. */
  op(
    opType: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    hint?: string,
  ): string {
    return this.node(opType, inputs, attributes, 1, hint)[0];
  }

  /** Adds an initialiser from float32 data (weights) and returns its name. */
  weight(hint: string, data: Float32Array, dims: readonly number[]): string {
    const name = this.unique(hint);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    this.initializers.push({ name, dims: [...dims], dataType: ONNX_DATA_TYPE.float32, rawData: bytes });
    return name;
  }

  /** A shared int64 constant (shapes, axes, indices). */
  int64s(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant('int64', values, dims, () => {
      const data = BigInt64Array.from(values.map((v) => BigInt(v)));
      return new Uint8Array(data.buffer);
    });
  }

  /** A shared float32 constant (scalars by default). */
  floats(values: readonly number[], dims: readonly number[] = []): string {
    return this.constant('float32', values, dims, () => new Uint8Array(Float32Array.from(values).buffer));
  }

  /** A shared int32 constant. */
  int32s(values: readonly number[], dims: readonly number[] = []): string {
    return this.constant('int32', values, dims, () => new Uint8Array(Int32Array.from(values).buffer));
  }

  private constant(
    type: OnnxElementType,
    values: readonly number[],
    dims: readonly number[],
    bytes: () => Uint8Array,
  ): string {
    const key = `${type}:${dims.join('x')}:${values.join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = this.unique(`const_${type}`);
    this.initializers.push({ name, dims: [...dims], dataType: ONNX_DATA_TYPE[type], rawData: bytes() });
    this.constants.set(key, name);
    return name;
  }
}

function attribute(name: string, value: AttributeValue): OnnxProtoTypes.IAttributeProto {
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { name, type: AttributeType.INT, i: value }
      : { name, type: AttributeType.FLOAT, f: value };
  }
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: encoder.encode(value) };
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'string'))
      return {
        name,
        type: AttributeType.STRINGS,
        strings: (value as string[]).map((v) => encoder.encode(v)),
      };
    return { name, type: AttributeType.INTS, ints: value as number[] };
  }
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  if ('tensor' in value) return { name, type: AttributeType.TENSOR, t: value.tensor };
  return { name, type: AttributeType.FLOATS, floats: value.floats };
}
