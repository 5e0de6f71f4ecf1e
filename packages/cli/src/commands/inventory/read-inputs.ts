import { readFile } from 'node:fs/promises';
import { InputValidationError } from '@shoppilot/core';
import {
  parseForecastCsv,
  parseStockCsv,
  type QuantileForecastLike,
  type StockRecord,
  validateStockRecords,
} from '@shoppilot/inventory';

/**
 * Forecasts from a CSV (sku, date, mean, p50, p90...) or JSON: an array of quantile forecasts or the
 * forecast package's result object `{ forecasts: [...] }`.
 */
export async function readForecasts(path: string): Promise<QuantileForecastLike[]> {
  const text = await readFile(path, 'utf8');
  if (!isJson(path)) return parseForecastCsv(text, path);
  const value = parseJson(text, path) as unknown;
  const list = Array.isArray(value) ? value : (value as { forecasts?: unknown })?.forecasts;
  if (!Array.isArray(list)) {
    throw new InputValidationError({
      issues: [{ file: path, message: 'expected an array of forecasts or { "forecasts": [...] }' }],
    });
  }
  return list as QuantileForecastLike[];
}

/** Stock records from a CSV (sku, on_hand, on_order, lead_time, unit_cost...) or a JSON array. */
export async function readStock(path: string): Promise<StockRecord[]> {
  const text = await readFile(path, 'utf8');
  if (!isJson(path)) return parseStockCsv(text, path);
  const value = parseJson(text, path);
  if (!Array.isArray(value))
    throw new InputValidationError({
      issues: [{ file: path, message: 'expected a JSON array of stock records' }],
    });
  return validateStockRecords(value as Partial<StockRecord>[], path);
}

function isJson(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputValidationError({
      issues: [{ file, message: `not valid JSON: ${(error as Error).message}` }],
    });
  }
}
