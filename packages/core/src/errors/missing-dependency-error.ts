import { errorMarker, ShopPilotError } from './shoppilot-error';

const { marker, symbol } = errorMarker('MissingDependencyError');

/** An optional peer dependency (onnxruntime-node, pg, tfjs-node…) is needed but not installed. */
export class MissingDependencyError extends ShopPilotError {
  readonly [symbol] = true;
  readonly packageName: string;
  /** What it is needed for, e.g. `PostgreSQL storage`. */
  readonly feature: string;

  constructor({ packageName, feature, cause }: { packageName: string; feature: string; cause?: unknown }) {
    super({
      message: `${feature} needs the optional package "${packageName}", which is not installed. Install it with: pnpm add ${packageName}`,
      cause,
    });
    this.name = 'MissingDependencyError';
    this.packageName = packageName;
    this.feature = feature;
  }

  static override isInstance(error: unknown): error is MissingDependencyError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
