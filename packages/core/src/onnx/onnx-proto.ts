import onnxProto from 'onnx-proto';

/** The protobufjs-generated ONNX message classes (onnx-proto, ONNX 1.10 schema). */
export const onnx = onnxProto.onnx;
export type { onnx as OnnxProtoTypes } from 'onnx-proto';

/** ONNX `TensorProto.DataType` codes of the element types ShopPilot reads and writes. */
export const ONNX_DATA_TYPE = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float64: 11,
} as const;

export type OnnxElementType = keyof typeof ONNX_DATA_TYPE;

/** The operator-set version the exporter writes (17: native LayerNormalization). */
export const ONNX_OPSET = 17;
/** ONNX IR version that goes with opset 17. */
export const ONNX_IR_VERSION = 8;
