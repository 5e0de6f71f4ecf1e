import type { BehaviorEvent } from '@shoppilot/core';
import { expectDeepClose } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { eventTableFromEvents } from '../events/event-table';
import { extractUserFeatures } from './extract-user-features';
import { BASE_FEATURE_NAMES, FEATURE_DEFINITIONS } from './feature-definitions';
import { featureRecord, fillMissing } from './feature-matrix';

const DAY = 86_400_000;
const H = 3_600_000;
const M = 60_000;
const at = (day: number, hour: number, minute = 0) => day * DAY + hour * H + minute * M;

// Day 1 (1970-01-02) is a Friday, day 3 a Sunday, day 20 a Wednesday.
const u1: BehaviorEvent[] = [
  {
    userId: 'u1',
    type: 'view',
    itemId: 'A',
    categoryId: 'c1',
    price: 10,
    timestamp: at(1, 9),
    context: { device: 'mobile', channel: 'search' },
  },
  {
    userId: 'u1',
    type: 'view',
    itemId: 'B',
    categoryId: 'c1',
    price: 30,
    timestamp: at(1, 9, 10),
    context: { device: 'mobile' },
  },
  {
    userId: 'u1',
    type: 'add_cart',
    itemId: 'A',
    categoryId: 'c1',
    timestamp: at(1, 9, 20),
    context: { device: 'desktop' },
  },
  {
    userId: 'u1',
    type: 'buy',
    itemId: 'A',
    categoryId: 'c1',
    price: 10,
    quantity: 2,
    timestamp: at(1, 11, 20),
    context: { promo: true },
  },
  { userId: 'u1', type: 'view', itemId: 'C', categoryId: 'c1', price: 20, timestamp: at(3, 20) },
  { userId: 'u1', type: 'buy', itemId: 'C', categoryId: 'c1', price: 20, timestamp: at(3, 20, 5) },
  { userId: 'u1', type: 'review_read', itemId: 'C', timestamp: at(20, 13) },
  { userId: 'u1', type: 'share', itemId: 'C', timestamp: at(20, 13, 1) },
  { userId: 'u1', type: 'buy', itemId: 'D', categoryId: 'c1', price: 500, timestamp: at(45, 10) },
];
const u2: BehaviorEvent[] = [
  { userId: 'u2', type: 'view', itemId: 'D', categoryId: 'c2', timestamp: at(39, 0, 30) },
];

describe('extractUserFeatures (hand-computed known answers)', () => {
  const table = eventTableFromEvents([...u2, ...u1]);
  const features = extractUserFeatures(table, { asOf: 40 * DAY });

  it('documents every base feature with a formula', () => {
    expect(FEATURE_DEFINITIONS.every((d) => d.formula.length > 10)).toBe(true);
    expect(features.names.slice(0, BASE_FEATURE_NAMES.length)).toEqual([...BASE_FEATURE_NAMES]);
    expect(features.names.slice(BASE_FEATURE_NAMES.length)).toEqual([
      'device:mobile',
      'device:desktop',
      'channel:search',
    ]);
  });

  it('computes RFM, funnel, time, price, comparison and activity features of u1', () => {
    const row = featureRecord(features, features.userIds.indexOf('u1'));
    const lastOrder = 3 + (20 + 5 / 60) / 24;
    const gap = lastOrder - (1 + (11 + 20 / 60) / 24);
    expectDeepClose(
      row,
      {
        recencyDays: 40 - lastOrder,
        frequency: 2,
        monetary: 40,
        aov: 20,
        interPurchaseMeanDays: gap,
        interPurchaseStdDays: 0,
        views: 3,
        carts: 1,
        buys: 2,
        viewToCartRate: 1 / 3,
        cartToBuyRate: 1,
        viewToBuyRate: 2 / 3,
        cartToBuyLatencyHours: 2,
        nightShare: 0,
        morningShare: 0.5,
        afternoonShare: 0.25,
        eveningShare: 0.25,
        weekendShare: 0.25,
        // category median of c1 before T: prices [10, 30, 20, 10, 20] -> 20
        pricePosition: (Math.log(10 / 20) + Math.log(20 / 20)) / 2,
        discountShare: 0.5,
        // first buy after viewing A and B, second after viewing C
        comparisonDepth: 1.5,
        reviewReads: 1,
        reviewReadsPerBuy: 0.5,
        meanDwellSeconds: Number.NaN,
        events30d: 2,
        buys30d: 0,
        spend30d: 0,
        totalEvents: 8,
        tenureDays: 40 - (1 + 9 / 24),
        favs: 0,
        refundRate: 0,
        reviewsWritten: 0,
        shares: 1,
        invites: 0,
        sessions: 4,
        eventsPerSession: 2,
        'device:mobile': 2 / 3,
        'device:desktop': 1 / 3,
        'channel:search': 1,
      },
      1e-9,
    );
  });

  it('gives users without orders recency = tenure and NaN for undefined features', () => {
    const row = featureRecord(features, features.userIds.indexOf('u2'));
    expect(row.recencyDays).toBeCloseTo(23.5 / 24, 12);
    expect(row.frequency).toBe(0);
    expect(Number.isNaN(row.interPurchaseMeanDays)).toBe(true);
    const { features: filled, filled: report } = fillMissing(features, 'zero');
    expect(report.interPurchaseMeanDays).toEqual({ value: 0, count: 1 });
    expect(filled.values.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('is point-in-time correct: later events never change features as of T', () => {
    const all = [...u1, ...u2];
    for (const asOf of [at(1, 10), at(2, 0), at(10, 0), 40 * DAY]) {
      const full = extractUserFeatures(eventTableFromEvents(all), { asOf });
      const before = extractUserFeatures(eventTableFromEvents(all.filter((e) => e.timestamp < asOf)), {
        asOf,
      });
      expect(full.userIds).toEqual(before.userIds);
      expect(full.names).toEqual(before.names);
      expectDeepClose(Array.from(full.values), Array.from(before.values), 0);
    }
    const early = featureRecord(extractUserFeatures(table, { asOf: at(1, 10) }), 0);
    expect(early.totalEvents).toBe(3);
    expect(early.frequency).toBe(0);
  });
});
