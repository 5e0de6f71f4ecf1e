import { errorMarker, ShopPilotError } from '../errors/shoppilot-error';

const { marker, symbol } = errorMarker('UnsupportedLayerError');

/** `exportToOnnx` met a tfjs layer (or a layer option) it cannot translate to ONNX. */
export class UnsupportedLayerError extends ShopPilotError {
  readonly [symbol] = true;
  /** The layer's name in the model, e.g. `conv2d_Conv2D1`. */
  readonly layerName: string;
  /** The layer's class, e.g. `Conv2D`. */
  readonly className: string;

  constructor({
    layerName,
    className,
    reason,
    cause,
  }: { layerName: string; className: string; reason: string; cause?: unknown }) {
    super({ message: `Cannot export layer "${layerName}" (${className}) to ONNX: ${reason}`, cause });
    this.name = 'UnsupportedLayerError';
    this.layerName = layerName;
    this.className = className;
  }

  static override isInstance(error: unknown): error is UnsupportedLayerError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
