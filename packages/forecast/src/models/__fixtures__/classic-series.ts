import { readFileSync } from 'node:fs';

/** Box & Jenkins' monthly airline passengers 1949-1960 (R `datasets::AirPassengers`), committed under datasets/. */
export function airPassengers(): number[] {
  const text = readFileSync(
    new URL('../../../../../datasets/demand/airpassengers.csv', import.meta.url),
    'utf8',
  );
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[3]));
}
