export { admissible, parametersAllowed } from './ets-admissible';
export { type EtsCriterion, type EtsFit, type EtsFitOptions, fitEtsForm } from './ets-fit';
export { EtsForecaster, type EtsOptions, forecastEts } from './ets-forecaster';
export { DEFAULT_BOUNDS, type EtsBounds } from './ets-init';
export { type EtsPrediction, predictEts } from './ets-predict';
export { type EtsFilterResult, etsFilter, etsPointForecast } from './ets-recursion';
export { type EtsSelection, type EtsSelectOptions, selectEts } from './ets-select';
export { type EtsParams, type EtsSpec, etsName, parseEtsModel } from './ets-spec';
