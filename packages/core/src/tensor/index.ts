export {
  initTensorBackend,
  TENSOR_BACKENDS,
  type TensorBackendInfo,
  type TensorBackendName,
  type TensorBackendOptions,
} from './backend';
