import type { EventTable } from '../events/event-table';
import { TYPE_CODE } from '../events/event-table';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const T = TYPE_CODE;

/** Shared lookup state for one extraction pass (typed arrays indexed by item / category). */
export interface PassContext {
  table: EventTable;
  asOf: number;
  offsetMs: number;
  sessionGapMs: number;
  categoryMedian: Float64Array;
  deviceColumn: Int32Array;
  channelColumn: Int32Array;
  deviceLevels: number;
  channelLevels: number;
  lastCartTime: Float64Array;
  lastCartStamp: Int32Array;
  itemStamp: Int32Array;
  categoryStamp: Int32Array;
  categoryCount: Int32Array;
  nextStamp: number;
}

/** Accumulates one user's events in a single pass (reset between users, reused). */
export class UserAccumulator {
  first = 0;
  last = 0;
  events = 0;
  views = 0;
  carts = 0;
  buys = 0;
  orders = 0;
  lastOrder = Number.NaN;
  gapSum = 0;
  gapSq = 0;
  buyAmount = 0;
  refundAmount = 0;
  refunds = 0;
  convertedCarts = 0;
  latencySum = 0;
  daypart = new Float64Array(4);
  weekend = 0;
  pricedBuys = 0;
  priceLogSum = 0;
  promoBuys = 0;
  comparedBuys = 0;
  comparisonSum = 0;
  reviewReads = 0;
  dwellCount = 0;
  dwellSum = 0;
  events30 = 0;
  buys30 = 0;
  spend30 = 0;
  favs = 0;
  reviews = 0;
  shares = 0;
  invites = 0;
  sessions = 0;
  deviceKnown = 0;
  channelKnown = 0;
  device: Float64Array;
  channel: Float64Array;
  stamp = 0;

  constructor(deviceLevels: number, channelLevels: number) {
    this.device = new Float64Array(deviceLevels);
    this.channel = new Float64Array(channelLevels);
  }

  reset(stamp: number): void {
    this.events = this.views = this.carts = this.buys = this.orders = 0;
    this.lastOrder = Number.NaN;
    this.gapSum = this.gapSq = this.buyAmount = this.refundAmount = this.refunds = 0;
    this.convertedCarts = this.latencySum = this.weekend = 0;
    this.pricedBuys = this.priceLogSum = this.promoBuys = this.comparedBuys = this.comparisonSum = 0;
    this.reviewReads = this.dwellCount = this.dwellSum = 0;
    this.events30 = this.buys30 = this.spend30 = 0;
    this.favs = this.reviews = this.shares = this.invites = this.sessions = 0;
    this.deviceKnown = this.channelKnown = 0;
    this.daypart.fill(0);
    this.device.fill(0);
    this.channel.fill(0);
    this.stamp = stamp;
  }

  /** Adds row `i` of the table (rows come in time order). */
  add(ctx: PassContext, i: number): void {
    const table = ctx.table;
    const time = table.timestamp[i];
    if (this.events === 0) {
      this.first = time;
      this.sessions = 1;
    } else if (time - this.last > ctx.sessionGapMs || sessionChanged(table.session, i)) {
      this.sessions++;
    }
    this.last = time;
    this.events++;
    this.addTime(ctx, time);
    this.addContext(ctx, i);
    const type = table.type[i];
    if (type === T.view || type === T.click) this.addView(ctx, i);
    else if (type === T.add_cart) this.addCart(ctx, i, time);
    else if (type === T.buy) this.addBuy(ctx, i, time);
    else if (type === T.refund) {
      this.refunds++;
      this.refundAmount += amountOf(table, i);
    } else if (type === T.review_read) this.reviewReads++;
    else if (type === T.fav) this.favs++;
    else if (type === T.review) this.reviews++;
    else if (type === T.share) this.shares++;
    else if (type === T.invite) this.invites++;
  }

  private addTime(ctx: PassContext, time: number): void {
    const local = time + ctx.offsetMs;
    const dayIndex = Math.floor(local / DAY_MS);
    const hour = Math.floor((local - dayIndex * DAY_MS) / HOUR_MS);
    this.daypart[hour < 6 ? 0 : hour < 12 ? 1 : hour < 18 ? 2 : 3]++;
    const weekday = (((dayIndex + 4) % 7) + 7) % 7;
    if (weekday === 0 || weekday === 6) this.weekend++;
    if (time >= ctx.asOf - 30 * DAY_MS) this.events30++;
  }

  private addContext(ctx: PassContext, i: number): void {
    const table = ctx.table;
    const device = table.device[i];
    if (device >= 0) {
      this.deviceKnown++;
      const column = ctx.deviceColumn[device];
      if (column >= 0) this.device[column]++;
    }
    const channel = table.channel[i];
    if (channel >= 0) {
      this.channelKnown++;
      const column = ctx.channelColumn[channel];
      if (column >= 0) this.channel[column]++;
    }
    const dwell = table.dwellMs[i];
    if (!Number.isNaN(dwell)) {
      this.dwellCount++;
      this.dwellSum += dwell;
    }
  }

  private addView(ctx: PassContext, i: number): void {
    this.views++;
    const item = ctx.table.item[i];
    const category = ctx.table.category[i];
    if (item < 0 || category < 0) return;
    const stamp = this.categoryEpoch(ctx, category);
    if (ctx.itemStamp[item] !== stamp) {
      ctx.itemStamp[item] = stamp;
      ctx.categoryCount[category]++;
    }
  }

  /** The current comparison epoch of a category for this user (a fresh one on first use). */
  private categoryEpoch(ctx: PassContext, category: number): number {
    let stamp = ctx.categoryStamp[category];
    if (stamp < this.stamp) {
      stamp = ctx.nextStamp++;
      ctx.categoryStamp[category] = stamp;
      ctx.categoryCount[category] = 0;
    }
    return stamp;
  }

  private addCart(ctx: PassContext, i: number, time: number): void {
    this.carts++;
    const item = ctx.table.item[i];
    if (item < 0) return;
    ctx.lastCartTime[item] = time;
    ctx.lastCartStamp[item] = this.stamp;
  }

  private addBuy(ctx: PassContext, i: number, time: number): void {
    const table = ctx.table;
    this.buys++;
    const amount = amountOf(table, i);
    this.buyAmount += amount;
    if (time !== this.lastOrder) {
      if (this.orders > 0) {
        const gap = (time - this.lastOrder) / DAY_MS;
        this.gapSum += gap;
        this.gapSq += gap * gap;
      }
      this.orders++;
      this.lastOrder = time;
    }
    if (time >= ctx.asOf - 30 * DAY_MS) {
      this.buys30++;
      this.spend30 += amount;
    }
    if (table.promo[i] === 1) this.promoBuys++;
    const item = table.item[i];
    if (item >= 0 && ctx.lastCartStamp[item] === this.stamp) {
      this.convertedCarts++;
      this.latencySum += (time - ctx.lastCartTime[item]) / HOUR_MS;
      ctx.lastCartStamp[item] = -1;
    }
    this.addBuyCategory(ctx, i);
  }

  private addBuyCategory(ctx: PassContext, i: number): void {
    const category = ctx.table.category[i];
    if (category < 0) return;
    this.categoryEpoch(ctx, category);
    this.comparedBuys++;
    this.comparisonSum += ctx.categoryCount[category];
    ctx.categoryStamp[category] = -1;
    const price = ctx.table.price[i];
    const median = ctx.categoryMedian[category];
    if (price > 0 && median > 0) {
      this.pricedBuys++;
      this.priceLogSum += Math.log(price / median);
    }
  }
}

function sessionChanged(session: Int32Array, i: number): boolean {
  const a = session[i - 1];
  const b = session[i];
  return a >= 0 && b >= 0 && a !== b;
}

/** price x quantity (quantity 1 when absent; 0 without a price). */
export function amountOf(table: EventTable, i: number): number {
  const price = table.price[i];
  if (Number.isNaN(price)) return 0;
  const quantity = table.quantity[i];
  return price * (!Number.isNaN(quantity) ? quantity : 1);
}
