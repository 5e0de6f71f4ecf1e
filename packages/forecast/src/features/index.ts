export {
  type CalendarFeatureOptions,
  type CalendarFeatures,
  calendarFeatures,
  isoWeek,
} from './calendar-features';
export { FESTIVALS, type FestivalDay, type FestivalName, festivalDay, festivalDays } from './festivals';
export { fourierTerms } from './fourier';
export { BUILTIN_HOLIDAY_COUNTRIES, builtinHolidays, type Holiday, parseHolidayCsv } from './holidays';
export { lagFeature, type RollingFeatureOptions, type RollingStatistic, rollingFeature } from './lags';
export { type PromotionIntensity, type PromotionIntensityOptions, promotionIntensity } from './promotion';
