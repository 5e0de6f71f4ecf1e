export type { LayerConversion, LayerConverter, TensorRef } from './convert/context';
export { registerOnnxConverter, supportedOnnxLayers } from './convert/registry';
export { type ExportToOnnxOptions, exportToOnnx, saveOnnx } from './export-to-onnx';
export {
  OnnxModel,
  type OnnxModelOptions,
  type OnnxOutput,
  type OnnxRunOptions,
  withOnnxModel,
} from './onnx-model';
export { OnnxModelError, type OnnxModelErrorReason } from './onnx-model-error';
export { ONNX_DATA_TYPE, ONNX_OPSET, type OnnxElementType } from './onnx-proto';
export { UnsupportedLayerError } from './unsupported-layer-error';
export { type OnnxFeed, type OnnxTensorData, type OnnxValueInfo, validateFeeds } from './validate-feeds';
