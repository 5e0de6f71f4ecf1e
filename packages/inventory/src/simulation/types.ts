/** What a simulation policy sees when it plans period `period`. */
export interface PlanContext {
  period: number;
  skuCount: number;
  /** Mean lead time in periods (orders placed now arrive at the start of period + lead time). */
  leadTime: number;
  /**
   * Demand of one SKU in periods before `period` (a view into the demand matrix that ends before the
   * current period: the policy cannot see the future). NaN marks unobserved periods.
   */
  history(sku: number): Float64Array;
  /** On hand + on order - backorders, per SKU, before ordering. Read only. */
  inventoryPosition: Float64Array;
  /** Write: order when the position is below this level. */
  reorderLevel: Float64Array;
  /** Write: the level to order up to. */
  orderUpTo: Float64Array;
  /** Write (optional): fixed batch size Q > 0 for (r, Q); 0 means order up to `orderUpTo`. */
  batchSize: Float64Array;
  /** Write (optional): the one-step mean forecast of this period's demand, for sPIS / sCE. NaN = none. */
  forecastMean: Float64Array;
}

/** A replenishment policy for the simulator: sets every SKU's levels each period, vectorised. */
export interface SimulationPolicy {
  readonly name: string;
  plan(context: PlanContext): void;
}
