export { type PanelOutlierChange, type PanelOutlierResult, treatPanelOutliers } from './panel-outliers';
export {
  detectOutliers,
  type OutlierAction,
  type OutlierMethod,
  type OutlierOptions,
  type OutlierPoint,
  type OutlierResult,
} from './rolling-outliers';
